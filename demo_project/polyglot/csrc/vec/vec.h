// Copyright (c) sphinxcontrib-repodoc developers.
// SPDX-License-Identifier: MIT

#pragma once

/// Small fixed-size vectors, the C++ part of the polyglot sample.

#include <cmath>
#include <cstddef>

/// Fails loudly when a condition does not hold.
#define DEMO_CHECK(cond) \
  do {                   \
    if (!(cond)) throw;  \
  } while (0)

namespace demo::vec {

/// A vector of three floats.
class Vec3 {
 public:
  Vec3(float x, float y, float z);
  /// The dot product with another vector.
  float dot(const Vec3& other) const;
  /// The Euclidean length.
  float norm() const;

 private:
  float x_, y_, z_;
};

/// Vectors stored one after another.
using Vec3Array = Vec3*;

/// The sum of two vectors.
Vec3 add(const Vec3& a, const Vec3& b);

}  // namespace demo::vec
