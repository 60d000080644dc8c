/// One body of a block in an inheritance chain: the template it is written in, and whether it binds
/// names (then it is rendered in a frame of its own; see `TemplateProgram.bindsNames`).
struct TemplateBlockEntry {
    let key: TemplateKey
    let program: TemplateProgram
    let body: [TemplateNode]
    let bindsNames: Bool
    /// The capacity of its frame, when it has one (see `TemplateProgram.bindingCount`).
    let frameCapacity: Int
}
