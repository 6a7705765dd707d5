using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddSeatTimeTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SeatTimeTotals",
                columns: table => new
                {
                    PersonId = table.Column<string>(type: "text", nullable: false),
                    LessonId = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    CourseId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ActiveSeconds = table.Column<int>(type: "integer", nullable: false),
                    ReachedEnd = table.Column<bool>(type: "boolean", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    DaySeconds = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeatTimeTotals", x => new { x.PersonId, x.LessonId });
                    table.ForeignKey(
                        name: "FK_SeatTimeTotals_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SeatTimeTotals");
        }
    }
}
