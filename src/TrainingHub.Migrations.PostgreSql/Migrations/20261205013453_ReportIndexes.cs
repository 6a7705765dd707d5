using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HoursEntries_PersonId_CourseId",
                table: "HoursEntries");

            migrationBuilder.CreateIndex(
                name: "IX_HoursEntries_PersonId_CourseId_LessonId_Hours",
                table: "HoursEntries",
                columns: new[] { "PersonId", "CourseId", "LessonId", "Hours" });

            migrationBuilder.CreateIndex(
                name: "IX_HoursEntries_PersonId_Domain_Status_Hours",
                table: "HoursEntries",
                columns: new[] { "PersonId", "Domain", "Status", "Hours" });

            migrationBuilder.CreateIndex(
                name: "IX_HoursEntries_Status_PersonId",
                table: "HoursEntries",
                columns: new[] { "Status", "PersonId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HoursEntries_PersonId_CourseId_LessonId_Hours",
                table: "HoursEntries");

            migrationBuilder.DropIndex(
                name: "IX_HoursEntries_PersonId_Domain_Status_Hours",
                table: "HoursEntries");

            migrationBuilder.DropIndex(
                name: "IX_HoursEntries_Status_PersonId",
                table: "HoursEntries");

            migrationBuilder.CreateIndex(
                name: "IX_HoursEntries_PersonId_CourseId",
                table: "HoursEntries",
                columns: new[] { "PersonId", "CourseId" });
        }
    }
}
