using System.Text.RegularExpressions;

namespace Bench.Configuration;

/// <summary>Names of scenarios and targets end up in folder names and result keys: a safe, short alphabet.</summary>
public static partial class NameRules
{
    public const string Allowed = "letters, digits, '.', '-' or '_' (at most 64, starting with a letter or digit)";

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Pattern();
}
