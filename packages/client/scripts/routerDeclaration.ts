// Writes the server router's type as a declaration that stands alone: every procedure's input and
// output spelled out in full (objects, unions, literals, arrays), so a service checking its calls
// needs nothing of the server (no zod, no drizzle, no database driver), only @trpc/server's types,
// which @trpc/client needs anyway. The TypeScript checker resolves the real types from the
// server's source; this prints them structurally instead of by their server-side names.
import ts from "typescript";

const PREAMBLE = `// The Latchkey router's types: every procedure with its input and output, written out from the
// server's router when this package was built. Do not edit: rebuild the package instead.
import type { TRPCBuiltRouter, TRPCMutationProcedure, TRPCQueryProcedure, inferRouterInputs, inferRouterOutputs } from "@trpc/server";
`;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

class Printer {
  private readonly stack = new Set<ts.Type>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly at: ts.Node,
  ) {}

  typeOf(symbol: ts.Symbol): ts.Type {
    return this.checker.getTypeOfSymbolAtLocation(symbol, this.at);
  }

  member(type: ts.Type, name: string): ts.Type {
    const symbol = this.checker.getPropertyOfType(type, name);
    if (!symbol) throw new Error(`expected a property ${name} on ${this.checker.typeToString(type)}`);
    return this.typeOf(symbol);
  }

  print(type: ts.Type, indent: string): string {
    const f = type.flags;
    if (f & ts.TypeFlags.Any) return "any";
    if (f & ts.TypeFlags.Unknown) return "unknown";
    if (f & ts.TypeFlags.Never) return "never";
    if (f & ts.TypeFlags.Void) return "void";
    if (f & ts.TypeFlags.Undefined) return "undefined";
    if (f & ts.TypeFlags.Null) return "null";
    if (f & ts.TypeFlags.Boolean) return "boolean";
    if (f & (ts.TypeFlags.String | ts.TypeFlags.Number | ts.TypeFlags.BigInt | ts.TypeFlags.ESSymbol))
      return this.checker.typeToString(type);
    if (f & ts.TypeFlags.StringLiteral) return JSON.stringify((type as ts.StringLiteralType).value);
    if (f & ts.TypeFlags.NumberLiteral) return String((type as ts.NumberLiteralType).value);
    if (f & ts.TypeFlags.BooleanLiteral) return this.checker.typeToString(type);
    if (f & ts.TypeFlags.TemplateLiteral) return this.checker.typeToString(type);
    if (type.isUnion()) return this.union(type.types, indent);
    if (this.stack.has(type)) throw new Error(`recursive type ${this.checker.typeToString(type)}: cannot be written out`);
    this.stack.add(type);
    try {
      if (type.isIntersection() && !type.types.every((t) => t.flags & ts.TypeFlags.Object))
        return type.types.map((t) => this.wrap(t, indent)).join(" & ");
      if (f & ts.TypeFlags.Object || type.isIntersection()) return this.object(type, indent);
    } finally {
      this.stack.delete(type);
    }
    throw new Error(`cannot write out ${this.checker.typeToString(type)}`);
  }

  /** A union, with `true | false` written as boolean (as TypeScript does). */
  private union(types: readonly ts.Type[], indent: string): string {
    const literal = (t: ts.Type, v: string) => t.flags & ts.TypeFlags.BooleanLiteral && this.checker.typeToString(t) === v;
    const hasBoolean = types.some((t) => literal(t, "true")) && types.some((t) => literal(t, "false"));
    const parts = types.filter((t) => !(hasBoolean && t.flags & ts.TypeFlags.BooleanLiteral)).map((t) => this.wrap(t, indent));
    if (hasBoolean) parts.push("boolean");
    return [...new Set(parts)].join(" | ");
  }

  private wrap(type: ts.Type, indent: string): string {
    const text = this.print(type, indent);
    return type.isUnion() || (type.isIntersection() && !text.startsWith("{")) ? `(${text})` : text;
  }

  private object(type: ts.Type, indent: string): string {
    if (this.checker.isArrayType(type)) {
      const [element] = this.checker.getTypeArguments(type as ts.TypeReference);
      const readonly = type.symbol?.name === "ReadonlyArray" ? "readonly " : "";
      return `${readonly}${this.wrap(element!, indent)}[]`;
    }
    if (this.checker.isTupleType(type)) {
      return `[${this.checker
        .getTypeArguments(type as ts.TypeReference)
        .map((t) => this.print(t, indent))
        .join(", ")}]`;
    }
    // Types of the standard library (Date, Uint8Array) are the same on both sides: keep the name.
    const declaration = type.symbol?.declarations?.[0];
    if (declaration && declaration.getSourceFile().hasNoDefaultLib) return this.checker.typeToString(type);
    if (type.getCallSignatures().length) throw new Error(`a function type in the API: ${this.checker.typeToString(type)}`);
    const inner = `${indent}  `;
    const lines: string[] = [];
    for (const info of this.checker.getIndexInfosOfType(type))
      lines.push(`${inner}[key: ${this.checker.typeToString(info.keyType)}]: ${this.print(info.type, inner)};`);
    for (const prop of this.checker.getPropertiesOfType(type)) {
      const name = IDENTIFIER.test(prop.name) ? prop.name : JSON.stringify(prop.name);
      const optional = prop.flags & ts.SymbolFlags.Optional ? "?" : "";
      lines.push(`${inner}${name}${optional}: ${this.print(this.typeOf(prop), inner)};`);
    }
    return lines.length ? `{\n${lines.join("\n")}\n${indent}}` : "{}";
  }
}

function isProcedure(printer: Printer, type: ts.Type): boolean {
  const def = type.getProperty("_def");
  return def !== undefined && printer.typeOf(def).getProperty("procedure") !== undefined;
}

function record(printer: Printer, checker: ts.TypeChecker, type: ts.Type, indent: string): string {
  const inner = `${indent}  `;
  const lines = checker.getPropertiesOfType(type).map((prop) => {
    const value = printer.typeOf(prop);
    if (!isProcedure(printer, value)) return `${inner}${prop.name}: ${record(printer, checker, value, inner)};`;
    const def = printer.member(value, "_def");
    const kind = checker.typeToString(printer.member(def, "type"));
    const types = printer.member(def, "$types");
    const procedure = kind === '"query"' ? "TRPCQueryProcedure" : kind === '"mutation"' ? "TRPCMutationProcedure" : null;
    if (!procedure) throw new Error(`${prop.name}: ${kind} procedures are not supported by the client`);
    const deeper = `${inner}  `;
    return [
      `${inner}${prop.name}: ${procedure}<{`,
      `${deeper}input: ${printer.print(printer.member(types, "input"), deeper)};`,
      `${deeper}output: ${printer.print(printer.member(types, "output"), deeper)};`,
      `${deeper}meta: object;`,
      `${deeper}errorShape: ErrorShape;`,
      `${inner}}>;`,
    ].join("\n");
  });
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/**
 * The declaration of `AppRouter`, `RouterInputs`, `RouterOutputs` and `ErrorShape` for the
 * router type exported as `AppRouter` by `entry` (a file that imports it from the server).
 */
export function routerDeclaration(entry: string, options: ts.CompilerOptions): string {
  const { rootDir: _rootDir, outDir: _outDir, declaration: _declaration, ...checkOnly } = options;
  const program = ts.createProgram([entry], { ...checkOnly, noEmit: true });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length) throw new Error(ts.formatDiagnostics(diagnostics, ts.createCompilerHost(options)));
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry)!;
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === "Router");
  if (!alias) throw new Error(`${entry} must declare: export type Router = AppRouter`);
  const printer = new Printer(checker, alias);
  const router = checker.getTypeAtLocation(alias);
  const def = printer.member(router, "_def");
  const root = printer.member(printer.member(def, "_config"), "$types");
  const transformer = checker.typeToString(printer.member(root, "transformer"));
  if (transformer !== "false") throw new Error("the router uses a transformer: the client would need it too");
  return [
    PREAMBLE,
    "/** What a failed call carries: `error.data.domainCode` and the rest (see the API docs). */",
    `export type ErrorShape = ${printer.print(printer.member(root, "errorShape"), "")};`,
    "",
    "/** Every procedure of the Latchkey API with its input and output. */",
    `export type AppRouter = TRPCBuiltRouter<{ ctx: object; meta: object; errorShape: ErrorShape; transformer: false }, ${record(
      printer,
      checker,
      printer.member(def, "record"),
      "",
    )}>;`,
    "",
    '/** The input of every procedure, by path: `RouterInputs["employees"]["create"]`. */',
    "export type RouterInputs = inferRouterInputs<AppRouter>;",
    '/** The result of every procedure, by path: `RouterOutputs["settings"]["get"]`. */',
    "export type RouterOutputs = inferRouterOutputs<AppRouter>;",
    "",
  ].join("\n");
}
