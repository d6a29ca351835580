namespace DreamTuner.Migrations;
