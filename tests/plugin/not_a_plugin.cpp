// A shared module that is not a scene plug-in: it registers no REEL_SCENE.
extern "C" int not_a_plugin_answer() { return 42; }
