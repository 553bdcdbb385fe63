//! The wasm entry point: everything is in the library.

fn main() {
    bantin_app::start();
}
