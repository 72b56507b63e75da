#include <gtest/gtest.h>

TEST(Vitals, Basic) {
    EXPECT_EQ(1, 1);
}
