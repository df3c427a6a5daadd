namespace Gateway.Models;

// A model service does not have the version asked for; Field is the request field that chose it.
public sealed class UnknownVersionException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
