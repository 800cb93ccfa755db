// The grammar of `.aug` files (docs/language.md §10, §11). The hand-written transformer in
// compiler/syntax/transformer.cpp turns the parse tree into the AST; lexical checks (units, escapes,
// unterminated strings, stray characters) live in compiler/syntax/lexical.cpp, so the lexer below
// never fails: every odd input becomes a token the front end can name in a specific diagnostic.
grammar Aug;

// ---------------------------------------------------------------------------------------------------
// Declarations

file : topDecl* EOF ;

topDecl
  : importDecl
  | constDecl
  | enumDecl
  | sampleDecl
  | policyDecl
  | transformDecl
  | opDecl
  | SEMI
  ;

importDecl : KW_IMPORT (dotted | string) ;
dotted : ident (DOT ident)* ;

constDecl : KW_CONST ident ASSIGN expr ;

enumDecl : KW_ENUM ident ASSIGN ident (PIPE ident)* ;

sampleDecl : KW_SAMPLE ident LBRACE field* RBRACE ;
field : ident COLON fieldType (SEMI | COMMA)? ;
fieldType : ident (LPAREN args? RPAREN)? (QUESTION | LBRACK RBRACK)* ;

policyDecl : KW_POLICY ident params? KW_ON ident KW_DETERMINISTIC? block ;

transformDecl : KW_TRANSFORM ident params? block ;

opDecl : KW_OP ident params? (COLON kindPattern ARROW kindPattern)? requiresClause? effectsClause? costClause? docClause? ;
kindPattern : kindName (LPAREN args? RPAREN)? ;
// Not `effects`, `cost` or `doc`: a missing kind then reads as missing, not as a kind named `effects`.
kindName
  : ID
  | KW_IMPORT | KW_CONST | KW_SAMPLE | KW_TRANSFORM | KW_POLICY | KW_OP | KW_ON | KW_DETERMINISTIC
  | KW_BATCH | KW_ONE_OF | KW_SOME_OF | KW_SEQ | KW_IN | KW_TRUE | KW_FALSE | KW_ENUM | KW_MATCH
  ;
// Which optional parameters go together: `requires { one_of(n, p) }` (exactly one), `any_of`, `at_most_one`.
requiresClause : KW_REQUIRES LBRACE requireEntry* RBRACE ;
requireEntry : ident LPAREN ident (COMMA ident)* RPAREN (SEMI | COMMA)? ;
effectsClause : KW_EFFECTS LBRACE effectEntry* RBRACE ;
effectEntry : ident COLON ident (LPAREN ident RPAREN)? (SEMI | COMMA)? ;
costClause : KW_COST LBRACE costEntry* RBRACE ;
costEntry : ident COLON expr (SEMI | COMMA)? ;
docClause : KW_DOC string ;

params : LPAREN (param (COMMA param)* COMMA?)? RPAREN ;
param : ident COLON typeRef (KW_IN domain)? (ASSIGN expr)? ;
typeRef
  : LBRACK typeRef RBRACK
  | ident (PIPE ident)*
  ;

domain
  : expr DOTDOT expr
  | LBRACK expr COMMA expr RBRACK
  | LBRACE expr (COMMA expr)* COMMA? RBRACE
  ;

// ---------------------------------------------------------------------------------------------------
// Statements: no separators; a statement ends where its call or block ends.

// `;` may follow any statement (or stand alone); it is never required.
block : LBRACE (stmt | SEMI)* RBRACE ;

stmt : (ident COLON)? core annotation* ;

core
  : call
  | KW_ONE_OF block
  | KW_SOME_OF LPAREN args? RPAREN block
  | KW_SEQ block
  | KW_BATCH block
  | KW_MATCH ident LBRACE (matchArm | SEMI)* RBRACE
  ;

matchArm : ident FATARROW stmt ;

annotation : AT ident LPAREN expr RPAREN ;

call : ident LPAREN args? RPAREN ;
args : arg (COMMA arg)* COMMA? ;
arg : (ident COLON)? expr ;

// ---------------------------------------------------------------------------------------------------
// Expressions: one rule; earlier alternatives bind tighter (unary minus, then * /, then + -).

expr
  : MINUS expr                          # negExpr
  | expr op=(STAR | SLASH) expr         # mulExpr
  | expr op=(PLUS | MINUS) expr         # addExpr
  | primary                             # primaryExpr
  ;

primary
  : (NUMBER | BAD_NUMBER)                        # numberLit
  | string                                       # stringLit
  | (KW_TRUE | KW_FALSE)                         # boolLit
  | call                                         # callExpr
  | ident                                        # nameExpr
  | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK   # listExpr
  | LPAREN expr RPAREN                           # parenExpr
  | LPAREN expr (COMMA expr)+ COMMA? RPAREN      # tupleExpr
  ;

// An unterminated string still parses as a string, so its one diagnostic (E0102) is the only one.
string : STRING | UNTERMINATED_STRING ;

// Keywords are contextual: they may name parameters, arguments, fields, labels and enum values.
ident
  : ID
  | KW_IMPORT | KW_CONST | KW_SAMPLE | KW_TRANSFORM | KW_POLICY | KW_OP | KW_ON | KW_DETERMINISTIC
  | KW_BATCH | KW_ONE_OF | KW_SOME_OF | KW_SEQ | KW_IN | KW_TRUE | KW_FALSE | KW_ENUM | KW_MATCH
  | KW_EFFECTS | KW_COST | KW_REQUIRES | KW_DOC
  ;

// ---------------------------------------------------------------------------------------------------
// Tokens

KW_IMPORT : 'import' ;
KW_CONST : 'const' ;
KW_SAMPLE : 'sample' ;
KW_TRANSFORM : 'transform' ;
KW_POLICY : 'policy' ;
KW_OP : 'op' ;
KW_ON : 'on' ;
KW_DETERMINISTIC : 'deterministic' ;
KW_BATCH : 'batch' ;
KW_ONE_OF : 'one_of' ;
KW_SOME_OF : 'some_of' ;
KW_SEQ : 'seq' ;
KW_IN : 'in' ;
KW_TRUE : 'true' ;
KW_FALSE : 'false' ;
KW_ENUM : 'enum' ;
KW_MATCH : 'match' ;
KW_EFFECTS : 'effects' ;
KW_COST : 'cost' ;
KW_REQUIRES : 'requires' ;
KW_DOC : 'doc' ;

ID : [A-Za-z_] [A-Za-z0-9_]* ;

// The unit suffix is lexed with the number (`30deg`, `50%`) and checked by the front end, so a typo
// such as `30dg` is an unknown unit (E0104) rather than a number followed by a name.
NUMBER : DIGITS ('.' DIGITS)? ([eE] [+-]? DIGITS)? UNIT_SUFFIX? ;
// `.5`: reported as an invalid number (E0105) with a fix-it, parsed as a number.
BAD_NUMBER : '.' DIGITS UNIT_SUFFIX? ;
fragment DIGITS : [0-9]+ ;
fragment UNIT_SUFFIX : [A-Za-z_] [A-Za-z0-9_]* | '%' ;

// Escapes are validated by the front end (E0103); a string without its closing quote runs to the
// end of the line (E0102).
STRING : '"' (ESC | ~["\\\r\n])* '"' ;
UNTERMINATED_STRING : '"' (ESC | ~["\\\r\n])* '\\'? ;
fragment ESC : '\\' ~[\r\n] ;

ARROW : '->' ;
FATARROW : '=>' ;
DOTDOT : '..' ;
DOT : '.' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;
COMMA : ',' ;
COLON : ':' ;
SEMI : ';' ;
ASSIGN : '=' ;
PIPE : '|' ;
AT : '@' ;
QUESTION : '?' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;

// Kept (not skipped) so the formatter can put comments back.
COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;
WS : [ \t\r\n\f]+ -> skip ;
// Anything else is one stray character, reported by the front end and invisible to the parser.
ERROR_CHAR : . -> channel(HIDDEN) ;
