using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DreamTuner.Migrations
{
    /// <inheritdoc />
    public partial class DreamTunerKnobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing rows get the engine's defaults (hand-edited: the model has no store defaults on purpose, so
            // that a value equal to the CLR default, such as p_r = 0, is always written and not replaced by the database).
            migrationBuilder.AddColumn<double>(
                name: "ControlEnd",
                table: "Generations",
                type: "double precision",
                nullable: false,
                defaultValue: 1.0);

            migrationBuilder.AddColumn<double>(
                name: "ControlScale",
                table: "Generations",
                type: "double precision",
                nullable: false,
                defaultValue: 1.0);

            migrationBuilder.AddColumn<double>(
                name: "ControlStart",
                table: "Generations",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "ReferenceDeltaT",
                table: "Generations",
                type: "double precision",
                nullable: false,
                defaultValue: 20.0);

            migrationBuilder.AddColumn<double>(
                name: "ReferenceDeltaTPrime",
                table: "Generations",
                type: "double precision",
                nullable: false,
                defaultValue: 20.0);

            migrationBuilder.AddColumn<double>(
                name: "ReferenceProbability",
                table: "Generations",
                type: "double precision",
                nullable: false,
                defaultValue: 0.9);

            migrationBuilder.AddColumn<string>(
                name: "ReferencePrompt",
                table: "Generations",
                type: "text",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_Generations_ControlRange",
                table: "Generations",
                sql: "\"ControlStart\" >= 0 AND \"ControlStart\" <= \"ControlEnd\" AND \"ControlEnd\" <= 1");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Generations_ReferenceProbability_Range",
                table: "Generations",
                sql: "\"ReferenceProbability\" >= 0 AND \"ReferenceProbability\" <= 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_Generations_ControlRange",
                table: "Generations");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Generations_ReferenceProbability_Range",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "ControlEnd",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "ControlScale",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "ControlStart",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "ReferenceDeltaT",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "ReferenceDeltaTPrime",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "ReferenceProbability",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "ReferencePrompt",
                table: "Generations");
        }
    }
}
