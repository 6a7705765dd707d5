using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ReportsOpenPendingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HoursEntries_ReversesEntryId",
                table: "HoursEntries");

            migrationBuilder.CreateIndex(
                name: "IX_HoursEntries_OpenPending",
                table: "HoursEntries",
                columns: new[] { "Status", "Id", "PersonId", "EnrollmentId", "RecordedAt", "Hours", "ReversesEntryId" },
                filter: "\"Status\" = 'Pending' AND \"ReversesEntryId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_HoursEntries_ReversesEntryId",
                table: "HoursEntries",
                column: "ReversesEntryId",
                unique: true,
                filter: "\"ReversesEntryId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HoursEntries_OpenPending",
                table: "HoursEntries");

            migrationBuilder.DropIndex(
                name: "IX_HoursEntries_ReversesEntryId",
                table: "HoursEntries");

            migrationBuilder.CreateIndex(
                name: "IX_HoursEntries_ReversesEntryId",
                table: "HoursEntries",
                column: "ReversesEntryId",
                unique: true);
        }
    }
}
