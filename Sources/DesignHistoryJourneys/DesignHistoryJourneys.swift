import Journeys

/// The journey models of this repository's own design history (`Content/`).
public enum DesignHistoryJourneys {
    /// Every model, handed to the site builder by the command.
    public static let catalog = JourneyCatalog([dfeSignIn, ecf2Access, aytqFirstSignIn])
}
