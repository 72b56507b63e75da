; TypeScript (``.ts`` with the TypeScript grammar, ``.tsx`` with the TSX one): see cpp.scm for
; the capture names.

(class_declaration name: (_) @name) @definition.class
(abstract_class_declaration name: (_) @name) @definition.class
(interface_declaration name: (_) @name) @definition.class
(enum_declaration name: (_) @name) @definition.type
(type_alias_declaration name: (_) @name) @definition.type
(internal_module name: (_) @name) @definition.namespace
(method_definition name: (_) @name) @definition.method
(method_signature name: (_) @name) @definition.method
(abstract_method_signature name: (_) @name) @definition.method
(function_declaration name: (_) @name) @definition.function
(function_signature name: (_) @name) @definition.function
(generator_function_declaration name: (_) @name) @definition.function
(variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression)]) @definition.function
(variable_declarator name: (identifier) @name value: (class)) @definition.class
(program (lexical_declaration (variable_declarator name: (identifier) @name) @definition.data))
(export_statement (lexical_declaration (variable_declarator name: (identifier) @name) @definition.data))

(import_statement source: (string (string_fragment) @import.path)) @import
(export_statement source: (string (string_fragment) @import.path)) @import
((call_expression function: (identifier) @_req arguments: (arguments . (string (string_fragment) @import.path))) @import
  (#eq? @_req "require"))
