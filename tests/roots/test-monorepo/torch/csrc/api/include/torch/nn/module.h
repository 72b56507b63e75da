// The base class of the C++ frontend's modules.
#pragma once

namespace torch {
namespace nn {
class Module {};
}  // namespace nn
}  // namespace torch
