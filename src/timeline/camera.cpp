// The scene's camera (reel/camera.h) and ThreeDScene's camera calls, as Manim's
// scene/three_d_scene.py makes them with the Cairo renderer: trackers set, animated or given
// updaters, fixed mobjects marked in their Depth.
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>

#include "reel/three_d.h"
#include "timeline/timeline.h"

namespace reel {

struct SceneCamera::ThreeD {
    ValueTracker phi{0.0};
    ValueTracker theta{-PI / 2};
    ValueTracker gamma{0.0};
    ValueTracker zoom{1.0};
    ValueTracker focal_distance{20.0};
    LightSource light;
    LightSource frame_center{Vec3{}};
};

LightSource::LightSource(Vec3 p) {
    set_points(Points{p.xy(), p.xy(), p.xy(), p.xy()});
    auto depth = std::make_shared<Depth>();
    depth->z.assign(4, p.z);
    set_depth(std::move(depth));
    set_stroke(WHITE, 0.0, 0.0);
    set_fill(BLACK, 0.0);
    set_label("Point");
}

Vec3 LightSource::get_center() const {
    const Points& p = points();
    if (p.empty()) return {};
    const DepthPtr& d = depth();
    const Vec2 c = Mobject::get_center();
    return {c.x, c.y, d && !d->z.empty() ? d->z.front() : 0.0};
}

SceneCamera::SceneCamera() : frame_(Rectangle({.width = kFrameWidth, .height = kFrameHeight})) {
    // MovingCamera's default frame: ScreenRectangle(height=frame_height), stroke width 0.
    frame_.set_stroke(WHITE, 0.0);
    frame_.set_label("ScreenRectangle");
}

SceneCamera::~SceneCamera() = default;

void SceneCamera::use_three_d() {
    if (!three_d_) three_d_ = make_owned<ThreeD>();
}

void SceneCamera::add_image_mobject_from_camera(const Mobject& display, const Mobject& frame, Color background) {
    if (!display.has_points())
        throw std::invalid_argument("add_image_mobject_from_camera: the display (" + display.label() +
                                    ") has no points to show the picture in");
    feeds_.push_back(Feed{display, frame, background});
}

ValueTracker SceneCamera::phi_tracker() { return (use_three_d(), three_d_->phi); }
ValueTracker SceneCamera::theta_tracker() { return (use_three_d(), three_d_->theta); }
ValueTracker SceneCamera::gamma_tracker() { return (use_three_d(), three_d_->gamma); }
ValueTracker SceneCamera::zoom_tracker() { return (use_three_d(), three_d_->zoom); }
ValueTracker SceneCamera::focal_distance_tracker() { return (use_three_d(), three_d_->focal_distance); }
LightSource& SceneCamera::light_source() { return (use_three_d(), three_d_->light); }
Vec3 SceneCamera::frame_center() const { return three_d_ ? three_d_->frame_center.get_center() : Vec3{}; }
void SceneCamera::set_frame_center(Vec3 p) {
    use_three_d();
    three_d_->frame_center.move_to(p);
}
LightSource& SceneCamera::frame_center_point() { return (use_three_d(), three_d_->frame_center); }

namespace {

ValueTracker tracker_named(SceneCamera& c, std::string_view about, const char* what) {
    if (about == "theta") return c.theta_tracker();
    if (about == "phi") return c.phi_tracker();
    if (about == "gamma") return c.gamma_tracker();
    throw std::invalid_argument(std::string(what) + ": about must be \"theta\", \"phi\" or \"gamma\", not \"" +
                                std::string(about) + "\"");
}

void mark(const std::vector<Mobject>& mobjects, bool fixed_in_frame, std::optional<bool> fixed_orientation) {
    for (const Mobject& top : mobjects) {
        const Vec3 center = center3(top);
        for (Mobject m : top.family()) {
            auto d = m.depth() ? std::make_shared<Depth>(*m.depth()) : std::make_shared<Depth>();
            if (fixed_orientation) {
                d->fixed_orientation = *fixed_orientation;
                d->orientation_center = center;
                d->orientation_group = top.id();
            } else {
                d->fixed_in_frame = fixed_in_frame;
            }
            m.set_depth(std::move(d));
        }
    }
}

} // namespace

void Scene::set_camera_orientation(const CameraOrientation& o) {
    SceneCamera& c = camera();
    c.use_three_d();
    if (o.phi) c.phi_tracker().set_value(*o.phi);
    if (o.theta) c.theta_tracker().set_value(*o.theta);
    if (o.focal_distance) c.focal_distance_tracker().set_value(*o.focal_distance);
    if (o.gamma) c.gamma_tracker().set_value(*o.gamma);
    if (o.zoom) c.zoom_tracker().set_value(*o.zoom);
    if (o.frame_center) c.set_frame_center(*o.frame_center);
}

void Scene::move_camera(const CameraOrientation& o, const PlayOptions& options,
                        const std::vector<AnimationPtr>& added_anims) {
    SceneCamera& c = camera();
    c.use_three_d();
    std::vector<AnimationPtr> anims;
    auto to = [&](const std::optional<double>& v, ValueTracker t) {
        if (v) anims.push_back(animate(t).set_value(*v));
    };
    to(o.phi, c.phi_tracker());
    to(o.theta, c.theta_tracker());
    to(o.focal_distance, c.focal_distance_tracker());
    to(o.gamma, c.gamma_tracker());
    to(o.zoom, c.zoom_tracker());
    if (o.frame_center) anims.push_back(animate(c.frame_center_point()).move_to(*o.frame_center));
    anims.insert(anims.end(), added_anims.begin(), added_anims.end());
    if (anims.empty()) throw std::invalid_argument("move_camera: nothing to move (give an angle, zoom, focal distance or frame centre)");
    play(anims, options);
}

void Scene::begin_ambient_camera_rotation(double rate, std::string_view about) {
    ValueTracker x = tracker_named(camera(), about, "begin_ambient_camera_rotation");
    // Linear in dt: exact when the timeline applies it once to the segment's start value.
    x.add_updater([rate](Mobject& m, double dt) { ValueTracker(m).increment_value(rate * dt); });
    add(x);
}

void Scene::stop_ambient_camera_rotation(std::string_view about) {
    ValueTracker x = tracker_named(camera(), about, "stop_ambient_camera_rotation");
    x.clear_updaters();
    remove(x);
}

void Scene::begin_3dillusion_camera_rotation(double rate, std::optional<double> origin_phi,
                                             std::optional<double> origin_theta) {
    SceneCamera& c = camera();
    const double theta0 = origin_theta.value_or(c.theta_tracker().get_value());
    const double phi0 = origin_phi.value_or(c.phi_tracker().get_value());
    // Manim increments a private tracker by rate * dt inside each updater and sets the angle
    // from it. Here that tracker is in the scene with its own (linear) updater, ahead of the
    // angles, so each moment reads its value at that moment: the same angles, pure in t.
    ValueTracker val_theta(0.0), val_phi(0.0);
    val_theta.add_updater([rate](Mobject& m, double dt) { ValueTracker(m).increment_value(dt * rate); });
    val_phi.add_updater([rate](Mobject& m, double dt) { ValueTracker(m).increment_value(dt * rate); });
    add(val_theta);
    add(val_phi);
    ValueTracker theta = c.theta_tracker(), phi = c.phi_tracker();
    theta.add_updater([val_theta, theta0](Mobject& m) {
        ValueTracker(m).set_value(theta0 + 0.2 * std::sin(val_theta.get_value()));
    });
    add(theta);
    phi.add_updater([val_phi, phi0](Mobject& m) {
        ValueTracker(m).set_value(phi0 + 0.1 * std::cos(val_phi.get_value()) - 0.1);
    });
    add(phi);
    illusion_ = {val_theta, val_phi};
}

void Scene::stop_3dillusion_camera_rotation() {
    SceneCamera& c = camera();
    for (ValueTracker t : {c.theta_tracker(), c.phi_tracker()}) {
        t.clear_updaters();
        remove(t);
    }
    for (Mobject& m : illusion_) {
        m.clear_updaters();
        remove(m);
    }
    illusion_.clear();
}

void Scene::add_fixed_in_frame_mobjects(const std::vector<Mobject>& mobjects) {
    camera().use_three_d();
    for (const Mobject& m : mobjects) add(m);
    mark(mobjects, true, std::nullopt);
}

void Scene::remove_fixed_in_frame_mobjects(const std::vector<Mobject>& mobjects) {
    mark(mobjects, false, std::nullopt);
}

void Scene::add_fixed_orientation_mobjects(const std::vector<Mobject>& mobjects) {
    camera().use_three_d();
    for (const Mobject& m : mobjects) add(m);
    mark(mobjects, false, true);
}

void Scene::remove_fixed_orientation_mobjects(const std::vector<Mobject>& mobjects) {
    mark(mobjects, false, false);
}

} // namespace reel
