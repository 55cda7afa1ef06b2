/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBILITY_CONTROL_HEADER_H
#define MOBILITY_CONTROL_HEADER_H

#include "crypto-types.h"
#include "ip-address.h"

#include "ns3/header.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace ns3
{

class Packet;

/**
 * \ingroup mobisocket
 * \brief Common part of the control messages of the module's mobility
 *        schemes: an envelope, the connection token, a change sequence
 *        number, a type-specific body and an authenticator over everything
 *        before it.
 *
 * Wire format (network byte order), followed by the body and the
 * authenticator:
 *
 *     magic "MoBi" (4) | type (1) | version (1) | family (1) | reserved (1)
 *     token (8) | sequence (4)
 *
 * The authenticator is an Ed25519 signature (64 bytes) for MobiSocket's
 * AddChange and AddConfirm, an HMAC-SHA256 tag (32 bytes) for the TCP-R and
 * redirect-daemon messages, and absent for a key share; the authenticators
 * (change-authenticator.h) compute and check it, this class only carries it.
 * Deserialize() never reads past the end of the buffer; a malformed message
 * (truncated, another magic, type, version or family, a reserved byte other
 * than 0, or an invalid body) deserializes to 0 bytes and IsWellFormed()
 * returns false.
 */
class MobilityControlHeader : public Header
{
  public:
    /// Message types.
    enum MessageType : uint8_t
    {
        ADD_CHANGE = 1,       //!< MobiSocket: the mover announces its new address
        ADD_CONFIRM = 2,      //!< MobiSocket: the peer confirms it
        KEY_SHARE = 3,        //!< TCP-R, redirect daemon: an X25519 key share
        REDIRECT_REQUEST = 4, //!< TCP-R, redirect daemon: the mover's new address
        REDIRECT_ACK = 5,     //!< TCP-R, redirect daemon: the peer confirms it
        MIGRATE_SYN = 6,      //!< TCP Migrate: the mover's Migrate SYN (a TCP option)
        MIGRATE_SYN_ACK = 7   //!< TCP Migrate: the peer's SYN/ACK answering it
    };

    static constexpr uint32_t MAGIC = 0x4D6F4269;           //!< "MoBi"
    static constexpr uint8_t VERSION = 1;                   //!< format version
    static constexpr uint8_t FAMILY_IPV4 = IpAddress::IPV4; //!< family code for IPv4
    static constexpr uint8_t FAMILY_IPV6 = IpAddress::IPV6; //!< family code for IPv6
    static constexpr uint32_t COMMON_SIZE = 20;             //!< bytes before the body
    static constexpr uint32_t SIGNATURE_SIZE = 64;          //!< Ed25519 signature size
    static constexpr uint32_t MAC_SIZE = 32;                //!< HMAC-SHA256 tag size
    static constexpr uint32_t MIGRATE_TAG_SIZE = 8;         //!< truncated HMAC of a Migrate option

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \brief Read the type and token of a control message without parsing
     *        the rest (used by the demultiplexer).
     * \param payload the message bytes
     * \param[out] type the message type
     * \param[out] token the connection token
     * \return true if the payload starts with a known envelope
     */
    static bool PeekEnvelope(Ptr<const Packet> payload, MessageType& type, uint64_t& token);

    /// \return the whole message as bytes (header, body and authenticator)
    std::vector<uint8_t> GetBytes() const;

    /// \return a packet holding the whole message
    Ptr<Packet> ToPacket() const;

    /// \return the message type of this header
    virtual MessageType GetMessageType() const = 0;

    /// \param token the connection token
    void SetToken(uint64_t token);
    /// \return the connection token
    uint64_t GetToken() const;
    /// \param sequence the change sequence number
    void SetSequence(uint32_t sequence);
    /// \return the change sequence number
    uint32_t GetSequence() const;

    /**
     * \param signature the Ed25519 signature over GetSignedBytes() (signed types only)
     */
    void SetSignature(const Ed25519Signature& signature);
    /// \return the Ed25519 signature (signed types only)
    Ed25519Signature GetSignature() const;
    /// \param tag the HMAC tag over GetSignedBytes() (MAC types only)
    void SetMac(const MacTag& tag);
    /// \return the HMAC tag (MAC types only)
    MacTag GetMac() const;

    /// \return the bytes covered by the authenticator (the message without it)
    std::vector<uint8_t> GetSignedBytes() const;

    /// \return false if the last Deserialize() found a malformed message
    bool IsWellFormed() const;

    /**
     * \param type the type of an address update (ADD_CHANGE, REDIRECT_REQUEST)
     * \return the type of the message that confirms it (ADD_CONFIRM,
     *         REDIRECT_ACK); the type itself if it is not an update
     */
    static MessageType GetConfirmType(MessageType type);

    /// \return size of the authenticator (0, MIGRATE_TAG_SIZE, MAC_SIZE or SIGNATURE_SIZE)
    virtual uint32_t GetAuthenticatorSize() const = 0;

    /**
     * \return the family of the addresses the message carries (the
     *         envelope's family byte; IPv4 for a message without addresses)
     */
    virtual IpAddress::Family GetFamily() const;

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

  protected:
    /// \return size of the type-specific body
    virtual uint32_t GetBodySize() const = 0;
    /**
     * \brief Write the type-specific body.
     * \param i iterator positioned after the common part
     */
    virtual void SerializeBody(Buffer::Iterator& i) const = 0;
    /**
     * \brief Before the body is read: take the family of the envelope (it
     *        sets the body's size).
     * \param family the family byte read
     * \return false if this message type cannot carry that family
     */
    virtual bool AcceptFamily(uint8_t family);

    /**
     * \brief Read the type-specific body (GetBodySize() bytes are available).
     * \param i iterator positioned after the common part
     * \return false if the body is invalid
     */
    virtual bool DeserializeBody(Buffer::Iterator& i) = 0;
    /**
     * \brief Print the common fields.
     * \param os output stream
     */
    void PrintCommon(std::ostream& os) const;

  private:
    uint64_t m_token{0};                  //!< connection token
    uint32_t m_sequence{0};               //!< change sequence number
    std::vector<uint8_t> m_authenticator; //!< signature or tag (sized on use)
    bool m_wellFormed{true};              //!< result of the last Deserialize()
};

/**
 * \ingroup mobisocket
 * \brief A message announcing a host's new address: the host's old address
 *        (readable in clear), its new address and new port.
 *
 * Both addresses are of one family, the envelope's: 4 + 4 + 2 body bytes
 * for IPv4, 16 + 16 + 2 for IPv6. Serializing a message whose two addresses
 * differ in family stops the simulation (a programming error: a connection
 * has one family).
 */
class AddressUpdateHeader : public MobilityControlHeader
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    void Print(std::ostream& os) const override;

    /**
     * \param type ADD_CHANGE or REDIRECT_REQUEST
     * \return an empty message of that type (null for any other type)
     */
    static std::unique_ptr<AddressUpdateHeader> Create(MessageType type);

    /// \param address the address the sender leaves
    void SetOldAddress(IpAddress address);
    /// \return the address the sender leaves
    IpAddress GetOldAddress() const;
    /// \param address the sender's new address
    void SetNewAddress(IpAddress address);
    /// \return the sender's new address
    IpAddress GetNewAddress() const;
    /// \param port the sender's new port
    void SetNewPort(uint16_t port);
    /// \return the sender's new port
    uint16_t GetNewPort() const;

    IpAddress::Family GetFamily() const override;

  protected:
    uint32_t GetBodySize() const override;
    bool AcceptFamily(uint8_t family) override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator& i) override;

  private:
    IpAddress m_oldAddress; //!< address being left
    IpAddress m_newAddress; //!< new address
    uint16_t m_newPort{0};  //!< new port
};

/**
 * \ingroup mobisocket
 * \brief A message confirming a host's new address and port (4 + 2 body
 *        bytes for IPv4, 16 + 2 for IPv6).
 */
class AddressConfirmHeader : public MobilityControlHeader
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    void Print(std::ostream& os) const override;

    /**
     * \param type ADD_CONFIRM, REDIRECT_ACK or MIGRATE_SYN_ACK
     * \return an empty message of that type (null for any other type)
     */
    static std::unique_ptr<AddressConfirmHeader> Create(MessageType type);

    /// \param address the confirmed new address of the mover
    void SetNewAddress(IpAddress address);
    /// \return the confirmed new address of the mover
    IpAddress GetNewAddress() const;
    /// \param port the confirmed new port of the mover
    void SetNewPort(uint16_t port);
    /// \return the confirmed new port of the mover
    uint16_t GetNewPort() const;

    IpAddress::Family GetFamily() const override;

  protected:
    uint32_t GetBodySize() const override;
    bool AcceptFamily(uint8_t family) override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator& i) override;

  private:
    IpAddress m_newAddress; //!< confirmed address
    uint16_t m_newPort{0};  //!< confirmed port
};

/**
 * \ingroup mobisocket
 * \brief MobiSocket's AddChange: sent by the host whose address changed,
 *        from its new address. Carries the shared token, the old and new
 *        address and the new port, signed with the sender's private key; the
 *        old address is also readable in clear (the paper's four fields).
 */
class AddChangeHeader : public AddressUpdateHeader
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    MessageType GetMessageType() const override;
    uint32_t GetAuthenticatorSize() const override;
};

/**
 * \ingroup mobisocket
 * \brief MobiSocket's AddConfirm: the peer's answer to an AddChange. Carries
 *        the shared token and the mover's new address (and port), signed
 *        with the peer's private key.
 */
class AddConfirmHeader : public AddressConfirmHeader
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    MessageType GetMessageType() const override;
    uint32_t GetAuthenticatorSize() const override;
};

/**
 * \ingroup mobisocket
 * \brief A redirect request (TCP-R, redirect daemon): the mover's old and new
 *        address and new port, authenticated with an HMAC keyed by the secret
 *        the two ends agreed beforehand.
 */
class RedirectRequestHeader : public AddressUpdateHeader
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    MessageType GetMessageType() const override;
    uint32_t GetAuthenticatorSize() const override;
};

/**
 * \ingroup mobisocket
 * \brief The answer to a redirect request, authenticated with the shared
 *        secret's HMAC.
 */
class RedirectAckHeader : public AddressConfirmHeader
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    MessageType GetMessageType() const override;
    uint32_t GetAuthenticatorSize() const override;
};

/**
 * \ingroup mobisocket
 * \brief TCP Migrate's request to move a connection: what a Migrate SYN
 *        (MigrateOption in a SYN from the new address and port) says, as the
 *        exchange sees it. Its tag is the HMAC-SHA256 of the fields keyed by
 *        the connection's secret, truncated to MIGRATE_TAG_SIZE bytes (the
 *        option's room); the old address is not on the wire: the receiver
 *        fills in the peer address it knows, so the tag binds it.
 */
class MigrateSynHeader : public AddressUpdateHeader
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    MessageType GetMessageType() const override;
    uint32_t GetAuthenticatorSize() const override;
};

/**
 * \ingroup mobisocket
 * \brief TCP Migrate's answer: the peer's SYN/ACK to the new address and
 *        port (MigrateOption), its tag made like the Migrate SYN's.
 */
class MigrateSynAckHeader : public AddressConfirmHeader
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    MessageType GetMessageType() const override;
    uint32_t GetAuthenticatorSize() const override;
};

/**
 * \ingroup mobisocket
 * \brief An X25519 key share (TCP-R, redirect daemon), exchanged to agree a
 *        per-connection secret. The sequence field says whether the sender
 *        already holds the receiver's share (1) or not (0).
 */
class KeyShareHeader : public MobilityControlHeader
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    MessageType GetMessageType() const override;
    void Print(std::ostream& os) const override;

    /// \param share the sender's public share
    void SetShare(const X25519PublicKey& share);
    /// \return the sender's public share
    const X25519PublicKey& GetShare() const;

    uint32_t GetAuthenticatorSize() const override;

  protected:
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator& i) override;

  private:
    X25519PublicKey m_share{}; //!< public share
};

} // namespace ns3

#endif /* MOBILITY_CONTROL_HEADER_H */
