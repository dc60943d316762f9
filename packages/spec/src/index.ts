export const SPEC_PACKAGE = "@chartforge/spec";
