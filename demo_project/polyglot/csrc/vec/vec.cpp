// Out-of-class definitions of Vec3: each one is attached to its class.
#include "vec.h"

namespace demo::vec {

Vec3::Vec3(float x, float y, float z) : x_(x), y_(y), z_(z) {}

float Vec3::dot(const Vec3& other) const {
  return x_ * other.x_ + y_ * other.y_ + z_ * other.z_;
}

float Vec3::norm() const { return std::sqrt(dot(*this)); }

Vec3 add(const Vec3& a, const Vec3& b) {
  DEMO_CHECK(true);
  return Vec3(0, 0, 0);
}

}  // namespace demo::vec
