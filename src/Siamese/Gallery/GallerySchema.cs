using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Siamese.Gallery;

/// <summary>
/// The layout of a gallery file, and the checks on everything read from one. A gallery is data only: Siamese writes
/// two tables and no triggers or views, so a file holding code (which could rewrite rows as they are stored, or make
/// a read run forever) is refused; every value read is checked for its kind, size and range, and a bad one is reported
/// with its row and column as a <see cref="GalleryException"/> naming the file.
/// </summary>
internal static class GallerySchema
{
    /// <summary>The columns <see cref="CheckEntry"/> reads, first in a query on <c>entries</c>.</summary>
    public const string EntryShape = "id, typeof(id), typeof(label), typeof(source), typeof(embedding), length(embedding)";

    /// <summary>Selects the rows <see cref="CheckEntry"/> would refuse, given the embedding size as <c>$bytes</c>.</summary>
    public const string DamagedEntryFilter =
        "typeof(id) <> 'integer' OR typeof(label) <> 'text' OR typeof(source) <> 'text' OR typeof(embedding) <> 'blob' OR length(embedding) <> $bytes";

    /// <summary>The number of <see cref="EntryShape"/> columns.</summary>
    public const int EntryShapeColumns = 6;

    private static readonly string[] Statements =
    [
        "CREATE TABLE metadata (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID",
        "CREATE TABLE entries (id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT NOT NULL, source TEXT NOT NULL, embedding BLOB NOT NULL, enrolled TEXT NOT NULL)",
        "CREATE INDEX entries_label ON entries (label)",
    ];

    private static readonly string[] MetadataColumns = ["key", "value"];

    private static readonly string[] EntryColumns = ["id", "label", "source", "embedding", "enrolled"];

    private static readonly string[] MetadataKeys = ["format", "schemaVersion", "modelFingerprint", "embeddingDimension", "distance", "created"];

    /// <summary>Writes the tables and the metadata of a new gallery, in one transaction.</summary>
    public static void Write(SqliteConnection connection, GalleryIdentity identity, DateTimeOffset created)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        foreach (string statement in Statements)
        {
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }

        command.CommandText = "INSERT INTO metadata (key, value) VALUES ($key, $value)";
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var value = command.Parameters.Add("$value", SqliteType.Text);
        foreach (var (name, text) in new (string, string)[]
        {
            ("format", GalleryStore.FormatMarker),
            ("schemaVersion", GalleryStore.CurrentSchemaVersion.ToString(CultureInfo.InvariantCulture)),
            ("modelFingerprint", identity.ModelFingerprint),
            ("embeddingDimension", identity.EmbeddingDimension.ToString(CultureInfo.InvariantCulture)),
            ("distance", identity.Distance),
            ("created", created.ToString("O", CultureInfo.InvariantCulture)),
        })
        {
            key.Value = name;
            value.Value = text;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>
    /// Reads and checks the metadata and the layout of the tables: the identity, schema version and creation time.
    /// </summary>
    /// <exception cref="GalleryException">Not a gallery, a newer schema, code in the file, or damaged metadata.</exception>
    public static (GalleryIdentity Identity, int SchemaVersion, DateTimeOffset Created) ReadMetadata(string path, SqliteConnection connection)
    {
        var (hasMetadata, hasEntries) = CheckObjects(path, connection, null);
        if (!hasMetadata)
        {
            throw new GalleryException(path, "not a Siamese gallery (an SQLite database without gallery metadata)");
        }

        if (MissingColumn(connection, "metadata", MetadataColumns) is { } missingKey)
        {
            throw new GalleryException(path, $"not a Siamese gallery (its metadata table has no column '{missingKey}')");
        }

        var metadata = ReadKeys(path, connection);
        if (!metadata.TryGetValue("format", out var format) || format.Kind != "text" || format.Value != GalleryStore.FormatMarker)
        {
            throw new GalleryException(path, $"not a Siamese gallery (its metadata lacks the format marker \"{GalleryStore.FormatMarker}\")");
        }

        foreach (var (name, (kind, _)) in metadata)
        {
            if (kind != "text")
            {
                throw new GalleryException(path, $"the gallery metadata '{name}' is {KindName(kind)} (expected text); the gallery is damaged");
            }
        }

        if (!int.TryParse(Text(metadata, "schemaVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out int version) || version < 1)
        {
            throw new GalleryException(path, "the gallery metadata has no valid schema version; the gallery is damaged");
        }

        if (version > GalleryStore.CurrentSchemaVersion)
        {
            throw new GalleryException(path,
                $"gallery schema version {version} is newer than this Siamese supports ({GalleryStore.CurrentSchemaVersion}); upgrade Siamese to use it");
        }

        if (!hasEntries)
        {
            throw new GalleryException(path, "the gallery has no entries table; the gallery is damaged");
        }

        if (MissingColumn(connection, "entries", EntryColumns) is { } missingEntry)
        {
            throw new GalleryException(path, $"the gallery's entries table has no column '{missingEntry}'; the gallery is damaged");
        }

        string fingerprint = Text(metadata, "modelFingerprint");
        string distance = Text(metadata, "distance");
        if (!int.TryParse(Text(metadata, "embeddingDimension"), NumberStyles.None, CultureInfo.InvariantCulture, out int dimension)
            || dimension < 1 || !GalleryIdentity.IsFingerprint(fingerprint) || !GalleryIdentity.IsDistanceName(distance)
            || !DateTimeOffset.TryParse(Text(metadata, "created"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var created))
        {
            throw new GalleryException(path, "the gallery metadata lacks a valid model fingerprint, embedding dimension, distance or creation time; the gallery is damaged");
        }

        return (new GalleryIdentity(fingerprint, dimension, distance), version, created);
    }

    /// <summary>
    /// Refuses a file holding triggers, views or virtual tables (code, not data); tells whether the two gallery tables exist.
    /// Writers call it again inside their transaction, where no other connection can change the schema.
    /// </summary>
    /// <exception cref="GalleryException">The file holds a trigger, a view, or a virtual gallery table.</exception>
    public static (bool HasMetadata, bool HasEntries) CheckObjects(string path, SqliteConnection connection, SqliteTransaction? transaction)
    {
        bool hasMetadata = false, hasEntries = false;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') OR (type = 'table' AND name IN ('metadata', 'entries'))";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            string type = reader.IsDBNull(0) ? "" : reader.GetString(0);
            string name = reader.IsDBNull(1) ? "" : reader.GetString(1);
            if (type is "trigger" or "view")
            {
                throw new GalleryException(path,
                    $"holds the {type} {Quote(name)}; a gallery is data only and Siamese makes no triggers or views, so this file was not made by Siamese and is refused");
            }

            string sql = reader.IsDBNull(2) ? "" : reader.GetString(2);
            if (sql.StartsWith("CREATE VIRTUAL", StringComparison.OrdinalIgnoreCase))
            {
                throw new GalleryException(path, $"its {name} table is a virtual table (run by a module, not stored data); this file was not made by Siamese and is refused");
            }

            hasMetadata |= name == "metadata";
            hasEntries |= name == "entries";
        }

        return (hasMetadata, hasEntries);
    }

    /// <summary>
    /// Checks the <see cref="EntryShape"/> columns of the current row: an integer id, text label and source, and an
    /// embedding BLOB of <paramref name="bytes"/> bytes.
    /// </summary>
    /// <returns>The entry's id.</returns>
    /// <exception cref="GalleryException">A value has the wrong kind or size; the message names the entry and the column.</exception>
    public static long CheckEntry(string path, SqliteDataReader reader, long bytes)
    {
        string idKind = reader.GetString(1);
        if (idKind != "integer")
        {
            throw new GalleryException(path, $"an entry's id is {KindName(idKind)} (expected an integer); the gallery is damaged");
        }

        long id = reader.GetInt64(0);
        foreach (var (column, ordinal, expected) in new[] { ("label", 2, "text"), ("source", 3, "text"), ("embedding", 4, "blob") })
        {
            string kind = reader.GetString(ordinal);
            if (kind != expected)
            {
                throw new GalleryException(path, $"entry {id}: the {column} is {KindName(kind)} (expected {KindName(expected)}); the gallery is damaged");
            }
        }

        long length = reader.GetInt64(5);
        if (length != bytes)
        {
            throw new GalleryException(path,
                $"entry {id}: the embedding holds {length} bytes but dimension {bytes / sizeof(float)} needs {bytes}; the gallery is damaged");
        }

        return id;
    }

    /// <summary>Refuses a label read from entry <paramref name="id"/> that Siamese would not have written.</summary>
    /// <exception cref="GalleryException">The label is empty, holds control characters or is padded.</exception>
    public static string CheckLabel(string path, long id, string label) =>
        LabelProblem(label) is { } problem
            ? throw new GalleryException(path, $"entry {id}: the label {problem}; the gallery is damaged")
            : label;

    /// <summary>What is wrong with a label, or null when it is a valid one.</summary>
    public static string? LabelProblem(string label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return "is empty";
        }

        if (label.Any(char.IsControl))
        {
            return "holds control characters (tabs, line breaks)";
        }

        return char.IsWhiteSpace(label[0]) || char.IsWhiteSpace(label[^1]) ? "starts or ends with white space" : null;
    }

    /// <summary>A value read from the file, escaped and bounded for a message (the readers' one rule).</summary>
    public static string Quote(string text) => Siamese.Data.MessageText.Quote(text);

    private static Dictionary<string, (string Kind, string? Value)> ReadKeys(string path, SqliteConnection connection)
    {
        var metadata = new Dictionary<string, (string Kind, string? Value)>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, typeof(value), CASE WHEN typeof(value) = 'text' THEN value END FROM metadata WHERE typeof(key) = 'text'";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            string key = reader.GetString(0);
            if (!MetadataKeys.Contains(key))
            {
                continue;
            }

            if (!metadata.TryAdd(key, (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))))
            {
                throw new GalleryException(path, $"the gallery metadata holds '{key}' more than once; the gallery is damaged");
            }
        }

        return metadata;
    }

    private static string Text(Dictionary<string, (string Kind, string? Value)> metadata, string key) =>
        metadata.TryGetValue(key, out var entry) ? entry.Value ?? "" : "";

    private static string? MissingColumn(SqliteConnection connection, string table, string[] required)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info($table)";
        command.Parameters.AddWithValue("$table", table);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return required.FirstOrDefault(column => !columns.Contains(column));
    }

    private static string KindName(string kind) => kind switch
    {
        "null" => "NULL",
        "integer" => "an integer",
        "real" => "a real number",
        "text" => "text",
        "blob" => "a BLOB",
        _ => Quote(kind),
    };
}
