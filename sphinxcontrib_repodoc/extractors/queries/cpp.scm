; C++ (also CUDA, Objective-C++ and Metal through the C++ / CUDA grammars).
;
; Captures read by extractors/treesitter.py:
;   @definition.<kind>  the node of a definition; <kind> is a model Kind value
;                       (namespace, class, type, function, method, macro, data) or "scope"
;                       (no symbol: a prefix for what is inside, e.g. a Rust impl block)
;   @name               its name (a qualified name such as Foo::bar is split by the driver)
;   @import / @import.path   an include and the text of its path
; Definitions nested in a function body are ignored by the driver.

(namespace_definition name: (_) @name) @definition.namespace

(class_specifier name: (_) @name body: (field_declaration_list)) @definition.class
(struct_specifier name: (_) @name body: (field_declaration_list)) @definition.class
(union_specifier name: (_) @name body: (field_declaration_list)) @definition.class
(enum_specifier name: (_) @name body: (enumerator_list)) @definition.type

;; a typedef's name is the first type name of its declarator (``typedef int (*fn)(x)``)
(type_definition declarator: (_) @name) @definition.type
(alias_declaration name: (_) @name) @definition.type

(function_definition declarator: (function_declarator declarator: (_) @name)) @definition.function
(function_definition declarator: (pointer_declarator declarator: (function_declarator declarator: (_) @name))) @definition.function
(function_definition declarator: (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (_) @name)))) @definition.function
(function_definition declarator: (reference_declarator (function_declarator declarator: (_) @name))) @definition.function

(declaration declarator: (function_declarator declarator: (_) @name)) @definition.function
(declaration declarator: (pointer_declarator declarator: (function_declarator declarator: (_) @name))) @definition.function
(declaration declarator: (reference_declarator (function_declarator declarator: (_) @name))) @definition.function
(field_declaration declarator: (function_declarator declarator: (_) @name)) @definition.method
(field_declaration declarator: (pointer_declarator declarator: (function_declarator declarator: (_) @name))) @definition.method
(field_declaration declarator: (reference_declarator (function_declarator declarator: (_) @name))) @definition.method

(function_definition declarator: (operator_cast) @name) @definition.function
(function_definition declarator: (qualified_identifier name: (operator_cast)) @name) @definition.function
(declaration declarator: (operator_cast) @name) @definition.function
(field_declaration declarator: (operator_cast) @name) @definition.method

(preproc_def name: (identifier) @name) @definition.macro
(preproc_function_def name: (identifier) @name) @definition.macro

(preproc_include path: (_) @import.path) @import
