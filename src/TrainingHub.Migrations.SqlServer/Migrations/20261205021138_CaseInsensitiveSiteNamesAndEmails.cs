using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CaseInsensitiveSiteNamesAndEmails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Sites_InstituteId_Name",
                table: "Sites");

            migrationBuilder.DropIndex(
                name: "EmailIndex",
                table: "AspNetUsers");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedName",
                table: "Sites",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Existing sites get their normalized name before the unique index is made; two names that differ only in case
            // stop the migration here, to be renamed by hand.
            migrationBuilder.Sql("UPDATE [Sites] SET [NormalizedName] = UPPER(LTRIM(RTRIM([Name])));");

            migrationBuilder.CreateIndex(
                name: "IX_Sites_InstituteId_NormalizedName",
                table: "Sites",
                columns: new[] { "InstituteId", "NormalizedName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail",
                unique: true,
                filter: "[NormalizedEmail] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Sites_InstituteId_NormalizedName",
                table: "Sites");

            migrationBuilder.DropIndex(
                name: "EmailIndex",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "NormalizedName",
                table: "Sites");

            migrationBuilder.CreateIndex(
                name: "IX_Sites_InstituteId_Name",
                table: "Sites",
                columns: new[] { "InstituteId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");
        }
    }
}
