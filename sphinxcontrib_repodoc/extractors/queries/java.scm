; Java: see cpp.scm for the capture names.

(package_declaration (_) @name) @definition.namespace
(class_declaration name: (_) @name) @definition.class
(interface_declaration name: (_) @name) @definition.class
(enum_declaration name: (_) @name) @definition.class
(record_declaration name: (_) @name) @definition.class
(annotation_type_declaration name: (_) @name) @definition.class
(method_declaration name: (_) @name) @definition.method
(constructor_declaration name: (_) @name) @definition.method
(class_body (field_declaration declarator: (variable_declarator name: (_) @name)) @definition.attribute)

(import_declaration (_) @import.path) @import
