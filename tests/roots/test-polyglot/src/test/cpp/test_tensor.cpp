// Tests of the tensor core.
#include <gtest/gtest.h>
#include "core/tensor.h"

using namespace mini::core;

TEST(TensorTest, Numel) { EXPECT_EQ(Tensor().numel(), 0); }

TEST(TensorTest, Zeros) { EXPECT_EQ(zeros({2, 3}).numel(), 6); }

class Fixture : public ::testing::Test {};

TEST_F(Fixture, Resize) {}

TEST_P(Fixture, Param) {}
