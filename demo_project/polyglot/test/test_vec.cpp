// gtest cases of Vec3: each TEST becomes a test case named Suite.Name.
#include <gtest/gtest.h>
#include <vec/vec.h>

using namespace demo::vec;

TEST(Vec3Test, Dot) { EXPECT_EQ(Vec3(1, 0, 0).dot(Vec3(0, 1, 0)), 0.0f); }

TEST(Vec3Test, Norm) { EXPECT_EQ(Vec3(3, 4, 0).norm(), 5.0f); }

class Vec3Fixture : public ::testing::Test {};

TEST_F(Vec3Fixture, Add) { add(Vec3(1, 2, 3), Vec3(1, 2, 3)); }
