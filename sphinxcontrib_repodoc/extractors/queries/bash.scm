; Shell (bash grammar): functions and sourced files. See cpp.scm for the capture names.

(function_definition name: (_) @name) @definition.function

((command name: (command_name) @_cmd . argument: (_) @import.path) @import
  (#any-of? @_cmd "source" "."))
