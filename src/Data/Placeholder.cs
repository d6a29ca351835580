namespace DreamTuner.Data;
