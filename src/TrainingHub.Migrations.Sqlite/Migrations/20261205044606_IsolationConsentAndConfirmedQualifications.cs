using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IsolationConsentAndConfirmedQualifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmedAt",
                table: "SupervisorProfiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmedById",
                table: "SupervisorProfiles",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PendingCredentialHeld",
                table: "SupervisorProfiles",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PendingSince",
                table: "SupervisorProfiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PendingYearsSupervisingPeers",
                table: "SupervisorProfiles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "QualificationConfirmedAt",
                table: "SignOffs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QualificationCredential",
                table: "SignOffs",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QualificationYears",
                table: "SignOffs",
                type: "INTEGER",
                nullable: true);

            // Qualifications entered before this change were self-declared: none is in force until an institute admin
            // confirms it, and each waits on the admin's page as the supervisor entered it.
            migrationBuilder.Sql("""UPDATE "SupervisorProfiles" SET "PendingCredentialHeld" = "CredentialHeld", "PendingYearsSupervisingPeers" = "YearsSupervisingPeers", "PendingSince" = "UpdatedAt" WHERE "ConfirmedAt" IS NULL""");

            migrationBuilder.CreateTable(
                name: "MakeUpRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", nullable: false),
                    RequestedById = table.Column<string>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MakeUpRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MakeUpRequests_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MakeUpRequests_AspNetUsers_RequestedById",
                        column: x => x.RequestedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MakeUpRequests_LiveSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "LiveSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisorProfiles_ConfirmedById",
                table: "SupervisorProfiles",
                column: "ConfirmedById");

            migrationBuilder.CreateIndex(
                name: "IX_MakeUpRequests_PersonId",
                table: "MakeUpRequests",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_MakeUpRequests_RequestedById",
                table: "MakeUpRequests",
                column: "RequestedById");

            migrationBuilder.CreateIndex(
                name: "IX_MakeUpRequests_SessionId_PersonId",
                table: "MakeUpRequests",
                columns: new[] { "SessionId", "PersonId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_SupervisorProfiles_AspNetUsers_ConfirmedById",
                table: "SupervisorProfiles",
                column: "ConfirmedById",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SupervisorProfiles_AspNetUsers_ConfirmedById",
                table: "SupervisorProfiles");

            migrationBuilder.DropTable(
                name: "MakeUpRequests");

            migrationBuilder.DropIndex(
                name: "IX_SupervisorProfiles_ConfirmedById",
                table: "SupervisorProfiles");

            migrationBuilder.DropColumn(
                name: "ConfirmedAt",
                table: "SupervisorProfiles");

            migrationBuilder.DropColumn(
                name: "ConfirmedById",
                table: "SupervisorProfiles");

            migrationBuilder.DropColumn(
                name: "PendingCredentialHeld",
                table: "SupervisorProfiles");

            migrationBuilder.DropColumn(
                name: "PendingSince",
                table: "SupervisorProfiles");

            migrationBuilder.DropColumn(
                name: "PendingYearsSupervisingPeers",
                table: "SupervisorProfiles");

            migrationBuilder.DropColumn(
                name: "QualificationConfirmedAt",
                table: "SignOffs");

            migrationBuilder.DropColumn(
                name: "QualificationCredential",
                table: "SignOffs");

            migrationBuilder.DropColumn(
                name: "QualificationYears",
                table: "SignOffs");
        }
    }
}
