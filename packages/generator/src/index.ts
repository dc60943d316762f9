export const GENERATOR_PACKAGE = "@chartforge/generator";
