/*
 * Proves: a binary operator with no right operand is a syntax error near ")".
 */

BEGIN { trace(1 +); }
