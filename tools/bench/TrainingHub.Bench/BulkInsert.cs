using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace TrainingHub.Bench;

/// <summary>
/// Multi-row INSERTs for one entity, columns and value conversions taken from the app's own EF Core model, so a row is
/// stored exactly as the app would store it (enums as text, decimals and times in the provider's format) at a fraction
/// of the cost of the change tracker. On PostgreSQL the rows go through binary COPY instead, the fastest way in.
/// </summary>
public interface IBulkInsert
{
    DbTransaction? Transaction { get; set; }

    Task FlushAsync();
}

/// <inheritdoc cref="IBulkInsert"/>
public sealed class BulkInsert<T> : IBulkInsert where T : class
{
    private readonly DbConnection _connection;
    private readonly string _table;
    private readonly List<(IProperty Property, string Column, RelationalTypeMapping Mapping)> _columns;
    private readonly int _rowsPerStatement;
    private readonly List<T> _pending = [];
    private DbCommand? _full;

    public long Written { get; private set; }

    public BulkInsert(DbContext db)
    {
        _connection = db.Database.GetDbConnection();
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        _table = sql.DelimitIdentifier(table.Name, table.Schema);
        _columns = entity.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd || !p.ClrType.IsValueType || p.ClrType == typeof(Guid))
            .Select(p => (p, sql.DelimitIdentifier(p.GetColumnName(table)!), (RelationalTypeMapping)p.GetRelationalTypeMapping())).ToList();
        // SQLite takes at most 32,766 parameters in a statement and PostgreSQL 65,535.
        _rowsPerStatement = Math.Max(1, Math.Min(500, 30_000 / _columns.Count));
    }

    public DbTransaction? Transaction { get; set; }

    /// <summary>Buffers the row; <see cref="FlushAsync"/> writes it (callers flush parents before children, for the foreign keys).</summary>
    public void Add(T row) => _pending.Add(row);

    public async Task FlushAsync()
    {
        if (_connection is NpgsqlConnection postgres)
        {
            await CopyAsync(postgres);
            return;
        }
        for (var start = 0; start < _pending.Count; start += _rowsPerStatement)
        {
            var count = Math.Min(_rowsPerStatement, _pending.Count - start);
            var command = count == _rowsPerStatement ? _full ??= Command(_rowsPerStatement) : Command(count);
            command.Transaction = Transaction;
            for (var r = 0; r < count; r++)
            {
                for (var c = 0; c < _columns.Count; c++)
                {
                    var (property, _, mapping) = _columns[c];
                    var value = property.PropertyInfo is { } info ? info.GetValue(_pending[start + r]) : null;
                    var converted = mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
                    command.Parameters[r * _columns.Count + c].Value = converted ?? DBNull.Value;
                }
            }
            await command.ExecuteNonQueryAsync();
            if (command != _full) await command.DisposeAsync();
        }
        Written += _pending.Count;
        _pending.Clear();
    }

    /// <summary>PostgreSQL: the pending rows in one binary COPY, each value typed by its column's store type.</summary>
    private async Task CopyAsync(NpgsqlConnection connection)
    {
        // "character varying(80)" → "character varying", "numeric(6,2)" → "numeric": the type names Npgsql writes by.
        var types = _columns.Select(c => Regex.Replace(c.Mapping.StoreType, @"\(.*\)", "")).ToList();
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY {_table} ({string.Join(", ", _columns.Select(c => c.Column))}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in _pending)
            {
                await writer.StartRowAsync();
                for (var c = 0; c < _columns.Count; c++)
                {
                    var (property, _, mapping) = _columns[c];
                    var value = property.PropertyInfo is { } info ? info.GetValue(row) : null;
                    var converted = mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
                    if (converted is null) await writer.WriteNullAsync();
                    else await writer.WriteAsync(converted, types[c]);
                }
            }
            await writer.CompleteAsync();
        }
        Written += _pending.Count;
        _pending.Clear();
    }

    private DbCommand Command(int rows)
    {
        var command = _connection.CreateCommand();
        var text = new StringBuilder($"INSERT INTO {_table} ({string.Join(", ", _columns.Select(c => c.Column))}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Count; c++)
            {
                var name = $"@p{r}_{c}";
                text.Append(c == 0 ? name : ", " + name);
                // The mapping sets the parameter's type as EF Core would (decimal as text on SQLite, for example).
                var parameter = _columns[c].Mapping.CreateParameter(command, name, null, _columns[c].Property.IsNullable);
                command.Parameters.Add(parameter);
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        return command;
    }
}
