// Half-precision floats.
#pragma once

namespace c10 {
struct Half {};
}  // namespace c10
