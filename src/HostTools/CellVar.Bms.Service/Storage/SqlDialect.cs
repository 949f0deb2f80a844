namespace CellVar.Bms.Service.Storage
{
    /// <summary>The two databases the service writes to; the schema is the same, only a few type spellings differ.</summary>
    public enum SqlDialect
    {
        /// <summary>SQLite file (default; WAL mode).</summary>
        Sqlite,
        /// <summary>PostgreSQL (shared by several service instances when scaled out).</summary>
        Postgres,
    }
}
