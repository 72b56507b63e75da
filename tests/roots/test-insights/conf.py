extensions = ["sphinxcontrib_repodoc"]
repodoc_root = "src"
repodoc_components = {"lib/": "the library", "lib/native/": "native kernels"}
repodoc_purpose = {"tools/fixtures/**": "test-support"}
repodoc_test_command = {"ctests/*.cpp": "build/bin/{stem} --gtest_filter={qualname}"}

# Sphinx < 8 prints the warning type only when asked (tests match on it)
show_warning_types = True
