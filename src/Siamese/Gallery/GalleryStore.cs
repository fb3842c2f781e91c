using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Siamese.Gallery;

/// <summary>
/// A gallery file: enrolled embeddings with their labels in one SQLite database, tied to the model that made them.
/// </summary>
/// <remarks>
/// <para>
/// The file holds two tables. <c>metadata</c> (key, value) records the format marker <see cref="FormatMarker"/>, the
/// schema version, the model fingerprint, the embedding dimension, the distance name and the creation time.
/// <c>entries</c> holds one row per embedding: id, label, source (the image file or a note), the embedding as a BLOB
/// of little-endian float32 and the enrollment time (ISO 8601, UTC).
/// </para>
/// <para>
/// The database uses SQLite's write-ahead log, so any number of readers (other processes, or other stores on the same
/// file) may search while one writer enrolls; a writer waits up to <see cref="BusyTimeout"/> for another. One instance is
/// not meant to be used from several threads at once. Read-only use may leave SQLite's <c>-wal</c> and <c>-shm</c> files
/// beside the gallery; they belong to it, and the next writer to close folds them back in. Every SQLite failure surfaces as a <see cref="GalleryException"/>
/// naming the file.
/// </para>
/// </remarks>
public sealed class GalleryStore : IDisposable
{
    /// <summary>The value of the metadata key <c>format</c> that marks a Siamese gallery.</summary>
    public const string FormatMarker = "Siamese gallery";

    /// <summary>The schema version this Siamese writes; files with a newer one are refused.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>How long an operation waits for another connection's lock before failing.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteNotADatabase = 26;

    private static readonly string[] SchemaStatements =
    [
        "CREATE TABLE metadata (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID",
        "CREATE TABLE entries (id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT NOT NULL, source TEXT NOT NULL, embedding BLOB NOT NULL, enrolled TEXT NOT NULL)",
        "CREATE INDEX entries_label ON entries (label)",
    ];

    private readonly SqliteConnection connection;
    private bool disposed;

    private GalleryStore(string path, SqliteConnection connection, GalleryIdentity identity, int schemaVersion, DateTimeOffset created, bool readOnly)
    {
        Path = path;
        this.connection = connection;
        Identity = identity;
        SchemaVersion = schemaVersion;
        Created = created;
        IsReadOnly = readOnly;
    }

    /// <summary>The gallery file, as given to <see cref="Create"/> or <see cref="Open(string, bool)"/>.</summary>
    public string Path { get; }

    /// <summary>The model fingerprint, embedding dimension and distance recorded when the gallery was created.</summary>
    public GalleryIdentity Identity { get; }

    /// <summary>The file's schema version.</summary>
    public int SchemaVersion { get; }

    /// <summary>When the gallery was created.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>True when opened read-only: <see cref="Add"/> and <see cref="Remove"/> are refused.</summary>
    public bool IsReadOnly { get; }

    /// <summary>Number of entries (embeddings) in the gallery now.</summary>
    /// <exception cref="GalleryException">The file cannot be read.</exception>
    public int Count => Sql(() =>
    {
        using var command = Command("SELECT COUNT(*) FROM entries");
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    });

    /// <summary>
    /// Creates an empty gallery for <paramref name="identity"/>: the file is built under a temporary name in the same
    /// folder and renamed into place, so no half-made gallery is ever visible. Returns it opened for writing.
    /// </summary>
    /// <remarks>
    /// Replacing a gallery also deletes its stale <c>-wal</c> and <c>-shm</c> files; do not replace a gallery that
    /// another process is using.
    /// </remarks>
    /// <param name="path">The gallery file; its folder is created if needed.</param>
    /// <param name="identity">The model whose embeddings the gallery will hold.</param>
    /// <param name="overwrite">Replace an existing file; without it an existing file is an error.</param>
    /// <exception cref="GalleryException">The file exists and <paramref name="overwrite"/> is false, or it cannot be written.</exception>
    /// <exception cref="ArgumentException"><paramref name="identity"/> has an empty field or a dimension below 1.</exception>
    public static GalleryStore Create(string path, GalleryIdentity identity, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(identity);
        identity.Validate();
        string full = System.IO.Path.GetFullPath(path);
        if (!overwrite && File.Exists(full))
        {
            throw new GalleryException(path, "already exists; replace it only on purpose (overwrite)");
        }

        string folder = System.IO.Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no parent folder", nameof(path));
        Directory.CreateDirectory(folder);
        string temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var building = Connect(temporary, SqliteOpenMode.ReadWriteCreate))
            {
                WriteSchema(building, identity);
            }

            if (overwrite)
            {
                DeleteSidecars(full);
            }

            File.Move(temporary, full, overwrite);
        }
        catch (SqliteException ex)
        {
            DeleteWithSidecars(temporary);
            throw Unusable(path, ex);
        }
        catch (IOException ex) when (!overwrite && File.Exists(full))
        {
            DeleteWithSidecars(temporary);
            throw new GalleryException(path, "already exists; replace it only on purpose (overwrite)", ex);
        }
        catch
        {
            DeleteWithSidecars(temporary);
            throw;
        }

        return Open(path, identity, readOnly: false);
    }

    /// <summary>
    /// Opens a gallery for the model described by <paramref name="expected"/>, refusing galleries made by another model.
    /// </summary>
    /// <param name="path">The gallery file.</param>
    /// <param name="expected">The identity of the model that will search or fill the gallery (<see cref="GalleryIdentity.Of"/>).</param>
    /// <param name="readOnly">Open read-only (identification, verification, listing); never writes the file.</param>
    /// <exception cref="GalleryException">
    /// The file is missing, not a gallery, damaged, of a newer schema, or made by another model.
    /// </exception>
    public static GalleryStore Open(string path, GalleryIdentity expected, bool readOnly)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var store = Open(path, readOnly);
        try
        {
            store.CheckIdentity(expected);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a gallery whatever model made it, to list or remove labels; <see cref="Identity"/> tells which model it serves.
    /// </summary>
    /// <param name="path">The gallery file.</param>
    /// <param name="readOnly">Open read-only; never writes the file.</param>
    /// <exception cref="GalleryException">The file is missing, not a gallery, damaged, or of a newer schema.</exception>
    public static GalleryStore Open(string path, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new GalleryException(path, "gallery file not found");
        }

        SqliteConnection? connection = null;
        try
        {
            connection = Connect(full, readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite);
            var (identity, version, created) = ReadMetadata(path, connection);
            return new GalleryStore(path, connection, identity, version, created, readOnly);
        }
        catch (SqliteException ex)
        {
            connection?.Dispose();
            throw Unusable(path, ex);
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Enrolls <paramref name="embeddings"/> under <paramref name="label"/> in one transaction: either all are stored
    /// or, on any error, none.
    /// </summary>
    /// <param name="label">The label; not empty, no control characters, no leading or trailing white space.</param>
    /// <param name="embeddings">At least one embedding, each of <see cref="GalleryIdentity.EmbeddingDimension"/> finite floats.</param>
    /// <param name="sources">One source per embedding: the image file it came from, or a note.</param>
    /// <exception cref="ArgumentException">A label, embedding or source is invalid, or the counts differ.</exception>
    /// <exception cref="InvalidOperationException">The store was opened read-only.</exception>
    /// <exception cref="GalleryException">The file cannot be written (locked, read-only, disk full, damaged).</exception>
    public void Add(string label, float[][] embeddings, IReadOnlyList<string> sources)
    {
        ThrowIfUnwritable();
        ValidateLabel(label);
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(sources);
        if (embeddings.Length == 0)
        {
            throw new ArgumentException("nothing to enroll: no embeddings", nameof(embeddings));
        }

        if (sources.Count != embeddings.Length)
        {
            throw new ArgumentException($"{embeddings.Length} embeddings but {sources.Count} sources", nameof(sources));
        }

        int dimension = Identity.EmbeddingDimension;
        var blobs = new byte[embeddings.Length][];
        for (int i = 0; i < embeddings.Length; i++)
        {
            var embedding = embeddings[i] ?? throw new ArgumentException($"embedding {i} is null", nameof(embeddings));
            if (embedding.Length != dimension)
            {
                throw new ArgumentException($"embedding {i} has {embedding.Length} values but the gallery holds dimension {dimension}", nameof(embeddings));
            }

            if (sources[i] is null)
            {
                throw new ArgumentException($"source {i} is null", nameof(sources));
            }

            blobs[i] = new byte[dimension * sizeof(float)];
            for (int d = 0; d < dimension; d++)
            {
                if (!float.IsFinite(embedding[d]))
                {
                    throw new ArgumentException($"embedding {i} ({sources[i]}) holds {embedding[d]} at position {d}; embeddings must be finite", nameof(embeddings));
                }

                BinaryPrimitives.WriteSingleLittleEndian(blobs[i].AsSpan(d * sizeof(float)), embedding[d]);
            }
        }

        string enrolled = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        Sql(() =>
        {
            using var transaction = connection.BeginTransaction();
            using var command = Command("INSERT INTO entries (label, source, embedding, enrolled) VALUES ($label, $source, $embedding, $enrolled)");
            command.Transaction = transaction;
            var sourceParameter = command.Parameters.Add("$source", SqliteType.Text);
            var embeddingParameter = command.Parameters.Add("$embedding", SqliteType.Blob);
            command.Parameters.AddWithValue("$label", label);
            command.Parameters.AddWithValue("$enrolled", enrolled);
            for (int i = 0; i < blobs.Length; i++)
            {
                sourceParameter.Value = sources[i];
                embeddingParameter.Value = blobs[i];
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            return 0;
        });
    }

    /// <summary>Removes every entry labelled <paramref name="label"/>.</summary>
    /// <param name="label">The label.</param>
    /// <returns>The number of entries removed; 0 when the label was not enrolled.</returns>
    /// <exception cref="InvalidOperationException">The store was opened read-only.</exception>
    /// <exception cref="GalleryException">The file cannot be written.</exception>
    public int Remove(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        ThrowIfUnwritable();
        return Sql(() =>
        {
            using var command = Command("DELETE FROM entries WHERE label = $label");
            command.Parameters.AddWithValue("$label", label);
            return command.ExecuteNonQuery();
        });
    }

    /// <summary>The enrolled labels with their entry counts, in ordinal order of the labels.</summary>
    /// <exception cref="GalleryException">The file cannot be read.</exception>
    public IReadOnlyList<GalleryLabelCount> Labels() => Sql(() =>
    {
        using var command = Command("SELECT label, COUNT(*) FROM entries GROUP BY label ORDER BY label");
        using var reader = command.ExecuteReader();
        var labels = new List<GalleryLabelCount>();
        while (reader.Read())
        {
            labels.Add(new GalleryLabelCount(reader.GetString(0), reader.GetInt32(1)));
        }

        return (IReadOnlyList<GalleryLabelCount>)labels.AsReadOnly();
    });

    /// <summary>Reads every entry, in enrollment order, as one snapshot: writers enrolling meanwhile are not seen half-way.</summary>
    /// <exception cref="GalleryException">The file cannot be read, or an entry is damaged (wrong size or non-finite values).</exception>
    public GalleryEntries LoadAll() => Sql(() =>
    {
        int dimension = Identity.EmbeddingDimension;
        var labels = new List<string>();
        var sources = new List<string>();
        var values = new List<float>();
        using var command = Command("SELECT id, label, source, embedding FROM entries ORDER BY id");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            long id = reader.GetInt64(0);
            if (reader.IsDBNull(1) || reader.IsDBNull(2) || reader.IsDBNull(3))
            {
                throw new GalleryException(Path, $"entry {id} lacks a label, source or embedding; the gallery is damaged");
            }

            var blob = reader.GetFieldValue<byte[]>(3);
            if (blob.Length != dimension * sizeof(float))
            {
                throw new GalleryException(Path,
                    $"entry {id} holds {blob.Length} bytes but dimension {dimension} needs {dimension * sizeof(float)}; the gallery is damaged");
            }

            for (int d = 0; d < dimension; d++)
            {
                float value = BinaryPrimitives.ReadSingleLittleEndian(blob.AsSpan(d * sizeof(float)));
                if (!float.IsFinite(value))
                {
                    throw new GalleryException(Path, $"entry {id} holds a non-finite value; the gallery is damaged");
                }

                values.Add(value);
            }

            labels.Add(reader.GetString(1));
            sources.Add(reader.GetString(2));
        }

        return new GalleryEntries(labels.ToArray(), sources.ToArray(), values.ToArray(), dimension);
    });

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            connection.Dispose();
        }
    }

    private static SqliteConnection Connect(string fullPath, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void WriteSchema(SqliteConnection connection, GalleryIdentity identity)
    {
        using (var transaction = connection.BeginTransaction())
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            foreach (string statement in SchemaStatements)
            {
                command.CommandText = statement;
                command.ExecuteNonQuery();
            }

            command.CommandText = "INSERT INTO metadata (key, value) VALUES ($key, $value)";
            var key = command.Parameters.Add("$key", SqliteType.Text);
            var value = command.Parameters.Add("$value", SqliteType.Text);
            foreach (var (name, text) in new (string, string)[]
            {
                ("format", FormatMarker),
                ("schemaVersion", CurrentSchemaVersion.ToString(CultureInfo.InvariantCulture)),
                ("modelFingerprint", identity.ModelFingerprint),
                ("embeddingDimension", identity.EmbeddingDimension.ToString(CultureInfo.InvariantCulture)),
                ("distance", identity.Distance),
                ("created", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
            })
            {
                key.Value = name;
                value.Value = text;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        // The write-ahead log lets readers search while a writer enrolls; the mode is stored in the file.
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode = WAL";
        wal.ExecuteNonQuery();
    }

    private static (GalleryIdentity Identity, int SchemaVersion, DateTimeOffset Created) ReadMetadata(string path, SqliteConnection connection)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (!tables.Contains("metadata"))
        {
            throw new GalleryException(path, "not a Siamese gallery (an SQLite database without gallery metadata)");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT key, value FROM metadata";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(0) && !reader.IsDBNull(1))
                {
                    metadata[reader.GetValue(0).ToString()!] = reader.GetValue(1).ToString()!;
                }
            }
        }

        if (!metadata.TryGetValue("format", out string? format) || format != FormatMarker)
        {
            throw new GalleryException(path, $"not a Siamese gallery (its metadata lacks the format marker \"{FormatMarker}\")");
        }

        if (!metadata.TryGetValue("schemaVersion", out string? versionText)
            || !int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out int version) || version < 1)
        {
            throw new GalleryException(path, "the gallery metadata has no valid schema version; the gallery is damaged");
        }

        if (version > CurrentSchemaVersion)
        {
            throw new GalleryException(path,
                $"gallery schema version {version} is newer than this Siamese supports ({CurrentSchemaVersion}); upgrade Siamese to use it");
        }

        if (!tables.Contains("entries"))
        {
            throw new GalleryException(path, "the gallery has no entries table; the gallery is damaged");
        }

        string fingerprint = metadata.GetValueOrDefault("modelFingerprint", "");
        string distance = metadata.GetValueOrDefault("distance", "");
        if (!int.TryParse(metadata.GetValueOrDefault("embeddingDimension"), NumberStyles.None, CultureInfo.InvariantCulture, out int dimension)
            || dimension < 1 || fingerprint.Length == 0 || distance.Length == 0
            || !DateTimeOffset.TryParse(metadata.GetValueOrDefault("created"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var created))
        {
            throw new GalleryException(path, "the gallery metadata lacks a valid model fingerprint, embedding dimension, distance or creation time; the gallery is damaged");
        }

        return (new GalleryIdentity(fingerprint, dimension, distance), version, created);
    }

    private static GalleryException Unusable(string path, SqliteException ex)
    {
        string detail = ex.Message.Split('\n')[0].Trim();
        return ex.SqliteErrorCode switch
        {
            SqliteNotADatabase => new GalleryException(path, "not a Siamese gallery (not an SQLite database)", ex),
            SqliteCorrupt => new GalleryException(path, $"the gallery is damaged ({detail}); restore it from a backup or enroll again", ex),
            SqliteBusy or SqliteLocked => new GalleryException(path, $"the gallery is locked by another process ({detail}); try again", ex),
            SqliteReadOnly => new GalleryException(path, $"the gallery cannot be written ({detail})", ex),
            SqliteFull => new GalleryException(path, $"the disk is full ({detail}); nothing was changed", ex),
            _ => new GalleryException(path, $"cannot use the gallery: {detail}", ex),
        };
    }

    private static void ValidateLabel(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Length == 0 || string.IsNullOrWhiteSpace(label))
        {
            throw new ArgumentException("the label must not be empty", nameof(label));
        }

        if (label.Any(char.IsControl))
        {
            throw new ArgumentException("the label must not hold control characters (tabs, line breaks)", nameof(label));
        }

        if (char.IsWhiteSpace(label[0]) || char.IsWhiteSpace(label[^1]))
        {
            throw new ArgumentException($"the label '{label}' must not start or end with white space", nameof(label));
        }
    }

    private static void DeleteSidecars(string fullPath)
    {
        foreach (string suffix in (string[])["-wal", "-shm", "-journal"])
        {
            File.Delete(fullPath + suffix);
        }
    }

    private static void DeleteWithSidecars(string fullPath)
    {
        try
        {
            File.Delete(fullPath);
            DeleteSidecars(fullPath);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void CheckIdentity(GalleryIdentity expected)
    {
        if (expected.ModelFingerprint != Identity.ModelFingerprint)
        {
            throw new GalleryException(Path,
                $"made by another model (fingerprint {GalleryIdentity.Abbreviate(Identity.ModelFingerprint)}, this model is "
                + $"{GalleryIdentity.Abbreviate(expected.ModelFingerprint)}); enroll again with this model or use the model that made it");
        }

        if (expected.EmbeddingDimension != Identity.EmbeddingDimension || expected.Distance != Identity.Distance)
        {
            throw new GalleryException(Path,
                $"the gallery records dimension {Identity.EmbeddingDimension} and distance {Identity.Distance} but its model has "
                + $"{expected.EmbeddingDimension} and {expected.Distance}; the gallery metadata is damaged");
        }
    }

    private void ThrowIfUnwritable()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (IsReadOnly)
        {
            throw new InvalidOperationException($"{Path}: the gallery was opened read-only");
        }
    }

    private SqliteCommand Command(string text)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        return command;
    }

    private T Sql<T>(Func<T> action)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        try
        {
            return action();
        }
        catch (SqliteException ex)
        {
            throw Unusable(Path, ex);
        }
    }
}
