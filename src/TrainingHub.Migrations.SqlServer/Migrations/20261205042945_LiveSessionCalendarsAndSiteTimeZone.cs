using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class LiveSessionCalendarsAndSiteTimeZone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LiveSessions_CohortId",
                table: "LiveSessions");

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "Sites",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ChangedAt",
                table: "LiveSessions",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "LiveSessions",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CalendarFeeds",
                columns: table => new
                {
                    PersonId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    TokenHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarFeeds", x => x.PersonId);
                    table.ForeignKey(
                        name: "FK_CalendarFeeds_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LiveSessions_CohortId_StartsAt",
                table: "LiveSessions",
                columns: new[] { "CohortId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_TokenHash",
                table: "CalendarFeeds",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarFeeds");

            migrationBuilder.DropIndex(
                name: "IX_LiveSessions_CohortId_StartsAt",
                table: "LiveSessions");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "ChangedAt",
                table: "LiveSessions");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "LiveSessions");

            migrationBuilder.CreateIndex(
                name: "IX_LiveSessions_CohortId",
                table: "LiveSessions",
                column: "CohortId");
        }
    }
}
