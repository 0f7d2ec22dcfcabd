using System.Text;
using Bench.Configuration;

namespace Bench.Sdk.Running;

/// <summary>
/// The name a scenario or step gets in results.json, where names are folder names and gate selectors
/// (<see cref="NameRules"/>): other characters become '_', so NBomber's "my e-commerce scenario" ports as it is.
/// </summary>
internal static class RecordedName
{
    public static string Of(string name)
    {
        if (NameRules.IsValid(name))
        {
            return name;
        }

        var text = new StringBuilder(Math.Min(name.Length, 64));
        foreach (char c in name.Trim())
        {
            if (text.Length == 64)
            {
                break;
            }

            text.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        if (text.Length == 0 || !char.IsAsciiLetterOrDigit(text[0]))
        {
            text.Insert(0, 's');
        }

        return NameRules.IsValid(text.ToString()) ? text.ToString() : text.ToString()[..64];
    }
}
