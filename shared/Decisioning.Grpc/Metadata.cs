using System.Collections;
using System.Text;

namespace Decisioning.Grpc;

/// <summary>
/// Custom metadata of a call (request headers or response trailers). Keys are lower-cased and may use
/// only <c>0-9 a-z _ - .</c>; keys ending in <c>-bin</c> carry binary values (base64 on the wire).
/// </summary>
public sealed class Metadata : IEnumerable<Metadata.Entry>
{
    /// <summary>The key suffix that marks a binary value.</summary>
    public const string BinaryHeaderSuffix = "-bin";

    private readonly List<Entry> _entries = [];

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Adds an ASCII entry; <paramref name="key"/> must not end in <c>-bin</c>.</summary>
    /// <exception cref="ArgumentException">The key or the value is not valid gRPC metadata.</exception>
    public void Add(string key, string value) => _entries.Add(new Entry(key, value));

    /// <summary>Adds a binary entry; <paramref name="key"/> must end in <c>-bin</c>.</summary>
    /// <exception cref="ArgumentException">The key is not valid gRPC metadata.</exception>
    public void Add(string key, byte[] value) => _entries.Add(new Entry(key, value));

    /// <summary>Adds an entry.</summary>
    public void Add(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries.Add(entry);
    }

    /// <summary>The value of the last ASCII entry with <paramref name="key"/>, or null.</summary>
    /// <exception cref="InvalidOperationException">The key names a binary entry.</exception>
    public string? GetValue(string key)
    {
        var entry = Find(key);
        return entry?.Value;
    }

    /// <summary>The bytes of the last entry with <paramref name="key"/>, or null (ASCII values as ASCII bytes).</summary>
    public byte[]? GetValueBytes(string key) => Find(key)?.ValueBytes;

    /// <summary>Enumerates the entries in the order they were added.</summary>
    public List<Entry>.Enumerator GetEnumerator() => _entries.GetEnumerator();

    IEnumerator<Entry> IEnumerable<Entry>.GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    // Values received from the wire are kept as they came: the spec forbids failing a call over them.
    internal void AddReceived(string key, string value) => _entries.Add(new Entry(key, value, validated: false));

    internal void AddReceived(string key, byte[] value) => _entries.Add(new Entry(key, value, validated: false));

    private Entry? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }

        return null;
    }

    internal static bool IsBinaryKey(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>One metadata entry: a key with either an ASCII or a binary value.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        /// <summary>Creates an ASCII entry.</summary>
        /// <exception cref="ArgumentException">The key or the value is not valid gRPC metadata.</exception>
        public Entry(string key, string value)
            : this(key, value, validated: true)
        {
        }

        /// <summary>Creates a binary entry; the key must end in <c>-bin</c>.</summary>
        /// <exception cref="ArgumentException">The key is not valid gRPC metadata.</exception>
        public Entry(string key, byte[] value)
            : this(key, value, validated: true)
        {
        }

        internal Entry(string key, string value, bool validated)
        {
            ArgumentNullException.ThrowIfNull(value);
            Key = NormalizeKey(key, validated);
            if (validated)
            {
                if (IsBinaryKey(Key))
                {
                    throw new ArgumentException($"Key '{Key}' ends with '{BinaryHeaderSuffix}' and needs a binary value.", nameof(key));
                }

                ValidateAsciiValue(value);
            }

            _value = value;
        }

        internal Entry(string key, byte[] value, bool validated)
        {
            ArgumentNullException.ThrowIfNull(value);
            Key = NormalizeKey(key, validated);
            if (validated && !IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' of a binary value must end with '{BinaryHeaderSuffix}'.", nameof(key));
            }

            _valueBytes = value;
        }

        /// <summary>The lower-cased key.</summary>
        public string Key { get; }

        /// <summary>True when the value is binary (the key ends in <c>-bin</c>).</summary>
        public bool IsBinary => _valueBytes is not null;

        /// <summary>The ASCII value.</summary>
        /// <exception cref="InvalidOperationException">The entry is binary.</exception>
        public string Value => _value ?? throw new InvalidOperationException($"Entry '{Key}' is binary; read ValueBytes.");

        /// <summary>The binary value, or the ASCII value's bytes.</summary>
        public byte[] ValueBytes => _valueBytes ?? Encoding.ASCII.GetBytes(_value!);

        /// <inheritdoc />
        public override string ToString() => IsBinary ? $"{Key}: [{_valueBytes!.Length} bytes]" : $"{Key}: {_value}";

        private static string NormalizeKey(string key, bool validate)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var normalized = HasUpperCase(key) ? key.ToLowerInvariant() : key;
            if (validate)
            {
                foreach (var c in normalized)
                {
                    if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.'))
                    {
                        throw new ArgumentException($"Metadata key '{key}' contains '{c}'; allowed are 0-9 a-z _ - .", nameof(key));
                    }
                }
            }

            return normalized;
        }

        private static bool HasUpperCase(string key)
        {
            foreach (var c in key)
            {
                if (c is >= 'A' and <= 'Z')
                {
                    return true;
                }
            }

            return false;
        }

        private static void ValidateAsciiValue(string value)
        {
            foreach (var c in value)
            {
                if (c is < ' ' or > '~')
                {
                    throw new ArgumentException("Metadata values must be printable ASCII (0x20-0x7E); use a '-bin' key for other data.", nameof(value));
                }
            }
        }
    }
}
