namespace TrainingHub.Testing;

/// <summary>
/// The trait the PostgreSQL pass of <c>tools/test.sh</c> filters out: <c>[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]</c> marks a test
/// of SQLite's own machinery (the write gate, grouped commits), which a server database never uses, and the
/// pseudo-localization tests, which check where every word on a page comes from (a resource or content) and so do not
/// depend on the database: the same pages' data access runs on PostgreSQL in their page tests. Running them once keeps the
/// whole CI run inside its 30 minutes.
/// </summary>
public static class OnlyOn
{
    public const string Trait = "OnlyOn";

    public const string Sqlite = "Sqlite";
}
