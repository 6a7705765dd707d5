using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HoursRunningTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HoursTotals",
                columns: table => new
                {
                    PersonId = table.Column<string>(type: "TEXT", nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Hundredths = table.Column<long>(type: "INTEGER", nullable: false),
                    Items = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HoursTotals", x => new { x.PersonId, x.Domain, x.Status });
                    table.ForeignKey(
                        name: "FK_HoursTotals_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LessonHoursTotals",
                columns: table => new
                {
                    PersonId = table.Column<string>(type: "TEXT", nullable: false),
                    CourseId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Hundredths = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LessonHoursTotals", x => new { x.PersonId, x.CourseId, x.LessonId });
                    table.ForeignKey(
                        name: "FK_LessonHoursTotals_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // The entries written before the totals were kept, summed into them (the same GROUP BY the benchmark's data
            // generator runs after its bulk load; HoursTotalsCheck compares totals and ledger).
            foreach (var sql in global::TrainingHub.Data.HoursTotalsWriter.RebuildSql(migrationBuilder.ActiveProvider))
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HoursTotals");

            migrationBuilder.DropTable(
                name: "LessonHoursTotals");
        }
    }
}
