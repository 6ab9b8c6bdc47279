//! The shop floor as a Bevy 2D scene of sprites under egui: the backdrop with its door, a rack,
//! a shelf, the till with two colleagues behind it, and the customer (body and face for their
//! mood) who walks in, comes to you, and drifts back to the door as their patience drains.

use bevy::prelude::*;
use care_engine::cast::{Body, Cast, LookId};
use care_engine::model::Channel;

use super::Screen;
use super::people::People;
use super::shop_floor::{ShopFloorView, customer_place};
use crate::game::session::ActiveRun;
use crate::game::settings::Settings;

/// Size of the backdrop, in its own pixels.
const BACKDROP: Vec2 = Vec2::new(1280.0, 800.0);
/// The band of the backdrop that is shown: from under the pictures to the bottom.
const SHOWN_TOP: f32 = 240.0;
/// People and fixtures at this scale of their pictures.
const PERSON_SCALE: f32 = 0.42;
/// Where people stand (backdrop y of their feet) and where the customer walks between.
const FLOOR_Y: f32 = 720.0;
const DOOR_X: f32 = 150.0;
const TILL_X: f32 = 1010.0;
/// The wall's and the floor's colours, for the strips either side of a wide view.
const WALL: Color = Color::srgb(0.84, 0.80, 0.71);
const FLOOR: Color = Color::srgb(0.36, 0.30, 0.25);
/// How long a face takes to change.
const FADE_SECS: f32 = 0.35;
/// How fast the customer walks, in backdrop pixels per second.
const WALK_SPEED: f32 = 420.0;

/// The scene's root; despawned with everything on it when the shop floor leaves the screen.
#[derive(Component)]
struct ShopScene;

#[derive(Component)]
struct Door {
    open: Handle<Image>,
    closed: Handle<Image>,
}

/// The customer's figure (body and face), placed along the floor.
#[derive(Component)]
struct Customer {
    x: f32,
    look: LookId,
}

/// The face on the customer's figure, fading from the last mood's to the current one.
#[derive(Component)]
struct Face {
    band: &'static str,
    since: f32,
}

/// The face being faded out.
#[derive(Component)]
struct FadingFace;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ShopFloorView>();
    app.add_systems(
        Update,
        (spawn_or_clear, place_scene, move_customer, change_face).chain(),
    );
    app.add_systems(OnExit(Screen::Play), clear);
}

fn in_store(run: Option<&ActiveRun>) -> bool {
    run.is_some_and(|r| r.run.scenario().channel == Channel::InStore)
}

/// A point of the backdrop (pixels from its top left) in the scene root's space.
fn at(x: f32, y: f32) -> Vec2 {
    Vec2::new(x - BACKDROP.x / 2.0, BACKDROP.y / 2.0 - y)
}

/// A picture standing with the middle of its bottom edge on a backdrop point.
fn standing(
    image: Handle<Image>,
    x: f32,
    y: f32,
    scale: f32,
    z: f32,
) -> (Sprite, bevy::sprite::Anchor, Transform) {
    (
        Sprite { image, ..default() },
        bevy::sprite::Anchor::BOTTOM_CENTER,
        Transform::from_translation(at(x, y).extend(z)).with_scale(Vec3::splat(scale)),
    )
}

fn spawn_or_clear(
    mut commands: Commands,
    screen: Res<State<Screen>>,
    run: Option<Res<ActiveRun>>,
    scenes: Query<Entity, With<ShopScene>>,
    people: Res<People>,
    assets: Res<AssetServer>,
    mut view: ResMut<ShopFloorView>,
) {
    let wanted = *screen.get() == Screen::Play && in_store(run.as_deref());
    let present = !scenes.is_empty();
    if !wanted {
        if present {
            for e in &scenes {
                commands.entity(e).despawn();
            }
        }
        if view.0.is_some() {
            view.0 = None;
        }
        return;
    }
    let (Some(cast), Some(run)) = (people.cast(), run) else {
        return;
    };
    if present {
        return;
    }
    let look = cast.customer(run.run.persona());
    spawn(&mut commands, &assets, cast, look);
}

fn spawn(commands: &mut Commands, assets: &AssetServer, cast: &Cast, look: LookId) {
    let image = |path: &str| -> Handle<Image> { assets.load(path.to_owned()) };
    let person = cast.look(look);
    let (face_at, _) = head_offset(cast, person.body);
    let face = |alpha: f32| Sprite {
        image: image(&person.portrait(0)),
        color: Color::WHITE.with_alpha(alpha),
        ..default()
    };
    commands
        .spawn((
            ShopScene,
            Transform::default(),
            Visibility::Hidden,
            Name::new("Shop floor"),
        ))
        .with_children(|scene| {
            // Wall and floor strips either side, so a wide view has no gaps.
            for (colour, y, h) in [(WALL, SHOWN_TOP, 566.0 - SHOWN_TOP), (FLOOR, 566.0, 234.0)] {
                scene.spawn((
                    Sprite::from_color(colour, Vec2::new(BACKDROP.x * 3.0, h)),
                    bevy::sprite::Anchor::TOP_CENTER,
                    Transform::from_translation(at(BACKDROP.x / 2.0, y).extend(-2.0)),
                ));
            }
            scene.spawn((
                Sprite::from_image(image("places/backdrop.png")),
                Transform::from_translation(Vec3::new(0.0, 0.0, -1.0)),
            ));
            scene.spawn((
                Sprite::from_image(image("places/door-closed.png")),
                bevy::sprite::Anchor::TOP_LEFT,
                Transform::from_translation(at(60.0, 150.0).extend(0.0)),
                Door {
                    open: image("places/door-open.png"),
                    closed: image("places/door-closed.png"),
                },
            ));
            scene.spawn(standing(image("places/rack.png"), 470.0, 640.0, 0.8, 1.0));
            scene.spawn(standing(image("places/shelf.png"), 760.0, 600.0, 0.8, 1.0));
            // Two colleagues behind the till, then the till over their legs.
            for (i, id) in cast.colleague_looks().into_iter().take(2).enumerate() {
                let x = TILL_X + 60.0 + 110.0 * i as f32;
                let colleague = cast.look(id);
                scene.spawn(standing(
                    image(&colleague.body_image()),
                    x,
                    700.0,
                    PERSON_SCALE,
                    2.0,
                ));
                scene.spawn(head(
                    image(&colleague.portrait(0)),
                    cast,
                    colleague.body,
                    x,
                    700.0,
                    2.1,
                ));
            }
            scene.spawn(standing(
                image("places/till.png"),
                TILL_X + 110.0,
                735.0,
                0.75,
                3.0,
            ));
            // The customer: a figure whose parts move together.
            scene
                .spawn((
                    Customer { x: DOOR_X, look },
                    Transform::from_translation(at(DOOR_X, FLOOR_Y).extend(4.0)),
                    Visibility::Inherited,
                ))
                .with_children(|figure| {
                    figure.spawn((
                        Sprite::from_image(image(&person.body_image())),
                        bevy::sprite::Anchor::BOTTOM_CENTER,
                        Transform::from_scale(Vec3::splat(PERSON_SCALE)),
                    ));
                    let placed = Transform::from_translation(face_at.extend(0.2))
                        .with_scale(Vec3::splat(PERSON_SCALE));
                    figure.spawn((
                        face(1.0),
                        bevy::sprite::Anchor::BOTTOM_CENTER,
                        placed,
                        Face {
                            band: care_engine::texts::mood(0),
                            since: f32::NEG_INFINITY,
                        },
                    ));
                    figure.spawn((
                        face(0.0),
                        bevy::sprite::Anchor::BOTTOM_CENTER,
                        placed.with_translation(face_at.extend(0.1)),
                        FadingFace,
                    ));
                });
        });
}

/// Where a head's bottom centre sits above the feet, for a body of this kind.
fn head_offset(cast: &Cast, body: Body) -> (Vec2, f32) {
    let height = match body {
        Body::Standing => 736.0,
        Body::Wheelchair => 640.0,
    };
    let above_feet = height - cast.head_anchor.1 as f32;
    (Vec2::new(0.0, above_feet * PERSON_SCALE), height)
}

fn head(
    image: Handle<Image>,
    cast: &Cast,
    body: Body,
    x: f32,
    feet_y: f32,
    z: f32,
) -> (Sprite, bevy::sprite::Anchor, Transform) {
    let (offset, _) = head_offset(cast, body);
    (
        Sprite::from_image(image),
        bevy::sprite::Anchor::BOTTOM_CENTER,
        Transform::from_translation((at(x, feet_y) + offset).extend(z))
            .with_scale(Vec3::splat(PERSON_SCALE)),
    )
}

/// Fits the shown band of the backdrop into the space the play screen keeps for it.
fn place_scene(
    view: Res<ShopFloorView>,
    windows: Query<&Window>,
    mut scenes: Query<(&mut Transform, &mut Visibility), With<ShopScene>>,
) {
    let Ok(window) = windows.single() else {
        return;
    };
    for (mut transform, mut visibility) in &mut scenes {
        let Some(rect) = view.0 else {
            *visibility = Visibility::Hidden;
            continue;
        };
        let shown = Vec2::new(BACKDROP.x, BACKDROP.y - SHOWN_TOP);
        let scale = (rect.width() / shown.x).min(rect.height() / shown.y);
        // The rect's centre in world space (origin mid-window, y up).
        let centre = Vec2::new(
            rect.center().x - window.width() / 2.0,
            window.height() / 2.0 - rect.center().y,
        );
        // The shown band's centre, in the root's space.
        let band_centre = at(BACKDROP.x / 2.0, SHOWN_TOP + shown.y / 2.0);
        transform.scale = Vec3::new(scale, scale, 1.0);
        transform.translation = (centre - band_centre * scale).extend(0.0);
        *visibility = Visibility::Visible;
    }
}

/// Walks the customer toward where they want to be, and opens the door when they are near it.
fn move_customer(
    time: Res<Time>,
    run: Option<Res<ActiveRun>>,
    settings: Res<Settings>,
    mut customers: Query<(&mut Customer, &mut Transform)>,
    mut doors: Query<(&Door, &mut Sprite)>,
) {
    let Some(run) = run else { return };
    let place = customer_place(
        run.run.transcript().answers.len(),
        run.run.mood(),
        run.patience_left(),
        settings.reduced_motion,
    );
    let goal = DOOR_X + (TILL_X - 140.0 - DOOR_X) * place;
    for (mut c, mut transform) in &mut customers {
        let step = WALK_SPEED * time.delta_secs();
        c.x = if settings.reduced_motion || (goal - c.x).abs() <= step {
            goal
        } else {
            c.x + step.copysign(goal - c.x)
        };
        transform.translation = at(c.x, FLOOR_Y).extend(4.0);
        for (door, mut sprite) in &mut doors {
            let near = c.x < DOOR_X + 120.0;
            let want = if near { &door.open } else { &door.closed };
            if sprite.image != *want {
                sprite.image = want.clone();
            }
        }
    }
}

/// Changes the customer's face when their mood changes band, cross-fading unless motion is
/// reduced.
#[expect(
    clippy::too_many_arguments,
    reason = "a Bevy system: one parameter per resource or query the change of face reads or changes"
)]
fn change_face(
    time: Res<Time>,
    run: Option<Res<ActiveRun>>,
    settings: Res<Settings>,
    people: Res<People>,
    customers: Query<&Customer>,
    mut faces: Query<(&mut Face, &mut Sprite), Without<FadingFace>>,
    mut fading: Query<&mut Sprite, With<FadingFace>>,
    assets: Res<AssetServer>,
) {
    let (Some(run), Some(cast)) = (run, people.cast()) else {
        return;
    };
    let Ok(customer) = customers.single() else {
        return;
    };
    let mood = run.run.mood();
    let band = care_engine::texts::mood(mood);
    let now = time.elapsed_secs();
    let look = cast.look(customer.look);
    for (mut face, mut sprite) in &mut faces {
        if face.band != band {
            for mut old in &mut fading {
                old.image = sprite.image.clone();
            }
            sprite.image = assets.load(look.portrait(mood));
            *face = Face { band, since: now };
        }
        let t = if settings.reduced_motion {
            1.0
        } else {
            ((now - face.since) / FADE_SECS).clamp(0.0, 1.0)
        };
        sprite.color = Color::WHITE.with_alpha(t);
        for mut old in &mut fading {
            old.color = Color::WHITE.with_alpha(1.0 - t);
        }
    }
}

fn clear(mut commands: Commands, scenes: Query<Entity, With<ShopScene>>) {
    for e in &scenes {
        commands.entity(e).despawn();
    }
}
