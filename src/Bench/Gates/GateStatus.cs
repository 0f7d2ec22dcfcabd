namespace Bench.Gates;

/// <summary>The verdict of one check and of a whole report. Invalid outranks Failed: numbers from an invalid run prove nothing either way.</summary>
public enum GateStatus
{
    Passed,
    Failed,
    Invalid,
}
