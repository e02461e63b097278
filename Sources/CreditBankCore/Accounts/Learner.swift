import Foundation

/// A person with a credit-bank account (学习者).
public struct Learner: Identifiable, Hashable, Sendable {
    /// Row id.
    public var id: LearnerID
    /// The account number (学习账号), shown to the learner and on transcripts.
    public var accountNumber: String
    /// The card id (学银卡号): 16 digits with a Luhn check digit.
    public var cardID: String
    /// Name as printed on documents.
    public var name: PersonName
    /// Resident ID number (only ever printed masked).
    public var idNumber: IDCardNumber
    /// Mobile number; nil while an account an institution created waits for activation.
    public var phone: PhoneNumber?
    /// When the account was made.
    public var registeredAt: Date
    /// The language the learner's documents are issued in (certificates at approval, and proofs and
    /// transcripts unless the request names another).
    public var documentLanguage: DocumentLanguage
    /// The institution that created the account (机构创建), if one did.
    public var createdBy: InstitutionID?

    /// Whether the learner can sign in: registered themselves, or activated an institution's account.
    public var isActive: Bool { phone != nil }

    /// Creates a learner value.
    public init(
        id: LearnerID, accountNumber: String, cardID: String, name: PersonName, idNumber: IDCardNumber, phone: PhoneNumber?,
        registeredAt: Date, documentLanguage: DocumentLanguage = .zh, createdBy: InstitutionID? = nil
    ) {
        self.createdBy = createdBy
        self.documentLanguage = documentLanguage
        self.id = id
        self.accountNumber = accountNumber
        self.cardID = cardID
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.registeredAt = registeredAt
    }
}

/// Draws account numbers and card ids.
public enum AccountNumbers {
    /// `XY` + 10 random digits: the learner's account number.
    public static func accountNumber(using random: any RandomSource) -> String {
        "XY" + digits(10, using: random)
    }

    /// `8860` + 11 random digits + a Luhn check digit: the card id printed on transcripts.
    public static func cardID(using random: any RandomSource) -> String {
        let body = "8860" + digits(11, using: random)
        return body + String(luhnCheckDigit(body))
    }

    /// The Luhn check digit for `digits`.
    public static func luhnCheckDigit(_ digits: String) -> Int {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            var value = character.wholeNumberValue!
            if index % 2 == 0 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return (10 - sum % 10) % 10
    }

    /// `count` uniformly random decimal digits.
    public static func digits(_ count: Int, using random: any RandomSource) -> String {
        // Rejection sampling keeps every digit uniform.
        var result = ""
        while result.count < count {
            for byte in random.bytes(count) where byte < 250 && result.count < count {
                result.append(Character(String(byte % 10)))
            }
        }
        return result
    }
}
