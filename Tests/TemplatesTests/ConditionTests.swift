import Testing
import Templates

/// `{% if name %}` tests the variable where it is stored (a frame, the context, the globals) with
/// JavaScript's truthiness, the nearest first, as reading it would.
struct ConditionTests {
    @Test func aNameIsTestedWhereverItIsAndTheNearestWins() throws {
        let json = #"{"zero": 0, "empty": "", "none": null, "list": [], "object": {}, "text": "x", "shadowed": "context", "number": 2}"#
        let source = """
        {% for name in ["zero", "empty", "none", "missing", "list", "object", "text", "number"] %}\
        {% endfor %}\
        {% if zero %}zero {% endif %}{% if empty %}empty {% endif %}{% if none %}none {% endif %}\
        {% if missing %}missing {% endif %}{% if list %}list {% endif %}{% if object %}object {% endif %}\
        {% if text %}text {% endif %}{% if number %}number {% endif %}{% if range %}global {% endif %}\
        {% set shadowed = "" %}{% if shadowed %}shadowed {% else %}set-wins {% endif %}\
        {% for i in [0] %}{% if i %}i {% else %}zero-i {% endif %}{% if loop %}loop{% endif %}{% endfor %}
        """
        #expect(try Support.render(source, json) == "list object text number global set-wins zero-i loop")
    }
}
