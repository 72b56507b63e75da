; Go: see cpp.scm for the capture names. A method's receiver type is its scope.

(package_clause (package_identifier) @name) @definition.namespace
(type_spec name: (_) @name type: [(struct_type) (interface_type)]) @definition.class
(type_spec name: (_) @name) @definition.type
(type_alias name: (_) @name) @definition.type
(function_declaration name: (_) @name) @definition.function
(method_declaration
  receiver: (parameter_list (parameter_declaration type: [
    (type_identifier) @receiver
    (pointer_type (type_identifier) @receiver)
    (generic_type type: (type_identifier) @receiver)
    (pointer_type (generic_type type: (type_identifier) @receiver))
  ]))
  name: (_) @name) @definition.method
(method_elem name: (_) @name) @definition.method
(source_file (const_declaration (const_spec name: (identifier) @name) @definition.data))
(source_file (var_declaration (var_spec name: (identifier) @name) @definition.data))

(import_spec path: (_) @import.path) @import
