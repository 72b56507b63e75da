; Rust: see cpp.scm for the capture names. The functions of an impl block become methods of
; the implemented type (the driver's rust hook reads the block).

(mod_item name: (_) @name) @definition.namespace
(struct_item name: (_) @name) @definition.class
(enum_item name: (_) @name) @definition.class
(union_item name: (_) @name) @definition.class
(trait_item name: (_) @name) @definition.class
(type_item name: (_) @name) @definition.type
(function_item name: (_) @name) @definition.function
(function_signature_item name: (_) @name) @definition.function
(macro_definition name: (_) @name) @definition.macro
(const_item name: (_) @name) @definition.data
(static_item name: (_) @name) @definition.data

(use_declaration argument: (_) @import.path) @import
(mod_item name: (_) @import.path !body) @import
