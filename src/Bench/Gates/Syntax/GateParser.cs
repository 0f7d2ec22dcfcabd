using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Bench.Configuration;

namespace Bench.Gates.Syntax;

/// <summary>
/// Reads the documented gate strings (docs/gates.md): <c>async@64 p99 &lt; 5ms</c>,
/// <c>async@256 throughput / sync@256 throughput &gt;= 10</c>, <c>*@* throughput regression &lt; 10%</c>.
/// A gate it cannot read comes back as the offset and name of the part it could not read.
/// </summary>
public static class GateParser
{
    public const string Example = "\"async@64 p99 < 80ms\"";

    private const string SelectorExpected = "<target>@<level>, like async@64 or *@*";
    private const string ComparisonExpected = "<, <=, > or >=";

    public static bool TryParse(string text, [NotNullWhen(true)] out GateExpression? gate, [NotNullWhen(false)] out GateSyntaxError? error)
    {
        var reader = new Reader(Tokenize(text), text.Length);
        gate = reader.Gate();
        error = reader.Error;
        return gate is not null;
    }

    private sealed record Token(string Text, int Offset, bool IsSymbol);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        for (int i = 0; i < text.Length;)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            int start = i;
            if (IsSymbol(text[i]))
            {
                // "<=", ">=" and a mistaken "==" are one token; "/" and every other symbol stand alone.
                i += text[i] != '/' && i + 1 < text.Length && text[i + 1] == '=' ? 2 : 1;
                tokens.Add(new Token(text[start..i], start, IsSymbol: true));
                continue;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !IsSymbol(text[i]))
            {
                i++;
            }

            tokens.Add(new Token(text[start..i], start, IsSymbol: false));
        }

        return tokens;
    }

    private static bool IsSymbol(char c) => c is '<' or '>' or '=' or '/';

    /// <summary>One pass over the tokens; the first problem stops it (later parts would only be misread after it).</summary>
    private sealed class Reader(List<Token> tokens, int end)
    {
        private int _next;

        public GateSyntaxError? Error { get; private set; }

        public GateExpression? Gate()
        {
            if (tokens.Count == 0)
            {
                return Fail(0, $"the gate is empty; expected a line like {Example}");
            }

            if (Operand("the first") is not { } subject)
            {
                return null;
            }

            if (Peek() is { IsSymbol: true, Text: "/" })
            {
                _next++;
                return Operand("the right side of the ratio") is { } denominator
                    && Compare($"after '{denominator}'") is { } ratioComparison
                    && Value("a ratio", GateValues.RatioExpected, GateValues.TryParseRatio) is { } ratio
                    && End()
                    ? new RatioGate(subject, denominator, ratioComparison, ratio.Value, ratio.Text)
                    : null;
            }

            if (Peek() is { IsSymbol: false, Text: RegressionGate.Keyword })
            {
                _next++;
                if (Compare($"after '{RegressionGate.Keyword}'") is not { } bound)
                {
                    return null;
                }

                if (!bound.IsUpperBound)
                {
                    return Fail(tokens[_next - 1].Offset, $"a regression is bounded from above: use < or <=, like \"{subject} {RegressionGate.Keyword} < 10%\"");
                }

                return Value("a tolerance", GateValues.PercentExpected, GateValues.TryParsePercent) is { } tolerance && End()
                    ? new RegressionGate(subject, bound, tolerance.Value, tolerance.Text)
                    : null;
            }

            var unit = GateMetrics.Unit(subject.Metric);
            return Compare($"after '{subject}' (or '/' for a ratio, or '{RegressionGate.Keyword}')") is { } comparison
                && Value("a threshold", GateValues.Expected(unit), (string t, out double v) => GateValues.TryParse(t, unit, out v)) is { } threshold
                && End()
                ? new AbsoluteGate(subject, comparison, threshold.Value, threshold.Text)
                : null;
        }

        private delegate bool ValueParser(string text, out double value);

        private Token? Peek() => _next < tokens.Count ? tokens[_next] : null;

        private Token? Next() => _next < tokens.Count ? tokens[_next++] : null;

        private GateOperand? Operand(string which)
        {
            var token = Next();
            if (token is null || token.IsSymbol)
            {
                return Fail<GateOperand>(token?.Offset ?? end, token is null ? $"missing {which} <target>@<level>; expected {SelectorExpected}" : $"found '{token.Text}'; expected {SelectorExpected}");
            }

            if (Selector(token) is not { } selector)
            {
                return null;
            }

            var metricToken = Next();
            if (metricToken is null || metricToken.IsSymbol)
            {
                return Fail<GateOperand>(metricToken?.Offset ?? end, $"missing the metric after '{token.Text}'; expected one of {GateMetrics.Names}");
            }

            if (!GateMetrics.TryParse(metricToken.Text, out var metric, out var near))
            {
                string hint = near is { } n ? $"did you mean '{GateMetrics.Name(n)}'? " : "";
                return Fail<GateOperand>(metricToken.Offset, $"unknown metric '{metricToken.Text}'; {hint}expected one of {GateMetrics.Names}");
            }

            return new GateOperand(selector, metric, token.Offset);
        }

        private GateSelector? Selector(Token token)
        {
            string text = token.Text;
            int at = text.IndexOf('@', StringComparison.Ordinal);
            if (at < 0 || text.IndexOf('@', at + 1) >= 0)
            {
                return Fail<GateSelector>(token.Offset, $"'{text}' is not {SelectorExpected}; every side of a gate starts with one");
            }

            string target = text[..at];
            string level = text[(at + 1)..];
            if (target != "*" && !NameRules.IsValid(target))
            {
                return Fail<GateSelector>(token.Offset, $"'{target}' in '{text}' is not a target name or *");
            }

            if (level != "*" && !(int.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1))
            {
                return Fail<GateSelector>(token.Offset + at + 1, $"level '{level}' in '{text}' is not a whole number ≥ 1 or *");
            }

            return new GateSelector(target == "*" ? null : target, level == "*" ? null : int.Parse(level, CultureInfo.InvariantCulture));
        }

        private Comparison? Compare(string where)
        {
            var token = Next();
            if (token is null)
            {
                return Fail<Comparison>(end, $"missing the comparison {where}; expected {ComparisonExpected}");
            }

            return Comparison.Find(token.Text)
                ?? Fail<Comparison>(token.Offset, token.Text is "=" or "=="
                    ? $"'{token.Text}' is not a comparison here; use {ComparisonExpected}"
                    : $"found '{token.Text}' {where}; expected {ComparisonExpected}");
        }

        private (double Value, string Text)? Value(string what, string expected, ValueParser parse)
        {
            var token = Next();
            if (token is null || token.IsSymbol)
            {
                Fail<object>(token?.Offset ?? end, token is null ? $"missing {what} after the comparison; expected {expected}" : $"found '{token.Text}' after the comparison; expected {expected}");
                return null;
            }

            if (!parse(token.Text, out double value))
            {
                Fail<object>(token.Offset, $"'{token.Text}' is not {expected}");
                return null;
            }

            return (value, token.Text);
        }

        private bool End()
        {
            if (Next() is not { } extra)
            {
                return true;
            }

            string hint = !extra.IsSymbol && char.IsLetter(extra.Text[0]) || extra.Text == "%" ? "; write the unit without a space, like 5ms or 10%" : "";
            Fail<object>(extra.Offset, $"unexpected '{extra.Text}' after the value{hint}");
            return false;
        }

        private T? Fail<T>(int offset, string message)
            where T : class
        {
            Error = new GateSyntaxError(offset, message);
            return null;
        }

        private GateExpression? Fail(int offset, string message) => Fail<GateExpression>(offset, message);
    }
}
