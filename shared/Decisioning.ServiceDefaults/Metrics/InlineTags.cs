using System.Runtime.CompilerServices;

namespace Decisioning.ServiceDefaults.Metrics;

[InlineArray(SeriesKey.InlineCapacity)]
internal struct InlineTags
{
    private KeyValuePair<string, object?> _element;
}
