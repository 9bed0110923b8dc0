import Testing
@testable import VigieModel
