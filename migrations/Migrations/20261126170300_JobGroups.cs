using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DreamTuner.Migrations
{
    /// <inheritdoc />
    public partial class JobGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "UsePreviousTakeAsReference",
                table: "Panels",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ExtraReferenceHash",
                table: "Generations",
                type: "character varying(64)",
                unicode: false,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PanelId",
                table: "Generations",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "JobGroups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    RequestedById = table.Column<Guid>(type: "uuid", nullable: true),
                    StoryboardId = table.Column<Guid>(type: "uuid", nullable: true),
                    CharacterId = table.Column<Guid>(type: "uuid", nullable: true),
                    SweepJson = table.Column<string>(type: "jsonb", nullable: true),
                    GridImageId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JobGroups_AspNetUsers_RequestedById",
                        column: x => x.RequestedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_JobGroups_Characters_CharacterId",
                        column: x => x.CharacterId,
                        principalTable: "Characters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_JobGroups_Images_GridImageId",
                        column: x => x.GridImageId,
                        principalTable: "Images",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_JobGroups_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_JobGroups_Storyboards_StoryboardId",
                        column: x => x.StoryboardId,
                        principalTable: "Storyboards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Generations_ExtraReferenceHash",
                table: "Generations",
                column: "ExtraReferenceHash");

            migrationBuilder.CreateIndex(
                name: "IX_Generations_PanelId",
                table: "Generations",
                column: "PanelId");

            migrationBuilder.CreateIndex(
                name: "IX_JobGroups_CharacterId",
                table: "JobGroups",
                column: "CharacterId");

            migrationBuilder.CreateIndex(
                name: "IX_JobGroups_GridImageId",
                table: "JobGroups",
                column: "GridImageId");

            migrationBuilder.CreateIndex(
                name: "IX_JobGroups_ProjectId_CreatedAt",
                table: "JobGroups",
                columns: new[] { "ProjectId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JobGroups_RequestedById",
                table: "JobGroups",
                column: "RequestedById");

            migrationBuilder.CreateIndex(
                name: "IX_JobGroups_StoryboardId",
                table: "JobGroups",
                column: "StoryboardId");

            migrationBuilder.AddForeignKey(
                name: "FK_Generations_Blobs_ExtraReferenceHash",
                table: "Generations",
                column: "ExtraReferenceHash",
                principalTable: "Blobs",
                principalColumn: "Hash",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Generations_Panels_PanelId",
                table: "Generations",
                column: "PanelId",
                principalTable: "Panels",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Generations_Blobs_ExtraReferenceHash",
                table: "Generations");

            migrationBuilder.DropForeignKey(
                name: "FK_Generations_Panels_PanelId",
                table: "Generations");

            migrationBuilder.DropTable(
                name: "JobGroups");

            migrationBuilder.DropIndex(
                name: "IX_Generations_ExtraReferenceHash",
                table: "Generations");

            migrationBuilder.DropIndex(
                name: "IX_Generations_PanelId",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "UsePreviousTakeAsReference",
                table: "Panels");

            migrationBuilder.DropColumn(
                name: "ExtraReferenceHash",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "PanelId",
                table: "Generations");
        }
    }
}
