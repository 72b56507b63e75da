// A vendored library.
#pragma once
