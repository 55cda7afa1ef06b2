/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef KEY_AGREEING_TCP_SOCKET_H
#define KEY_AGREEING_TCP_SOCKET_H

#include "change-authenticator.h"
#include "crypto-types.h"
#include "ns3-compat.h"
#include "signalling-tcp-socket.h"

#include "ns3/event-id.h"
#include "ns3/traced-value.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief The mechanism TCP-R and TCP Migrate share: a mobile TCP whose two
 *        ends agree a secret at every connection's establishment and that the
 *        host's TCP layer (not the application) tells of address loss and of
 *        new addresses.
 *
 * - The secret: once established, both ends make an X25519 key share; the
 *   opener sends its share in a control segment, retransmitted until the
 *   responder's share answers it; each end derives the secret and from then
 *   on authenticates its exchange's messages with an HMAC-SHA256 keyed by it
 *   (MacAuthenticator). Both ends charge a key share and a key agreement to
 *   their CryptoAgent, for every connection, whether it ever moves or not.
 * - Holding the connection: NotifyAddressLost() moves it to DETACHED, where
 *   its retransmission timer is frozen (nothing is sent or backed off);
 *   NotifyNewAddress() moves the connection to the new address and announces
 *   it (MOVING) until the peer's authentic answer brings it back to NORMAL,
 *   with the frozen timer thawed.
 *
 * A subclass names the negotiation option, the exchange's messages and how
 * they travel.
 */
class KeyAgreeingTcpSocket : public SignallingTcpSocket
{
  public:
    /// The connection's states beyond TCP's.
    enum HoldState
    {
        NORMAL = 0,   //!< the address is valid
        DETACHED = 1, //!< the local address is lost: hold, timers frozen
        MOVING = 2    //!< a new address: the update is out, no answer yet
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    KeyAgreeingTcpSocket();

    /**
     * \brief Copy constructor (a listening socket forks its connections).
     * \param other the socket to copy
     */
    KeyAgreeingTcpSocket(const KeyAgreeingTcpSocket& other);

    ~KeyAgreeingTcpSocket() override;

    /// \return the hold state
    HoldState GetHoldState() const;

    /// \return true once both ends hold the connection's secret
    bool HasSecret() const;

    /// \return true if the scheme was negotiated on this connection
    bool IsMobilityActive() const;

    /**
     * \brief The host lost the connection's local address: hold the
     *        connection with its timers frozen.
     */
    void NotifyAddressLost();

    /**
     * \brief The host has a new address: move the connection there and tell
     *        the peer.
     * \param address the new address (assigned to this node)
     * \return 0, or -1 with errno (ERROR_NOTCONN without a negotiated
     *         connection or its secret, ERROR_ADDRNOTAVAIL, ERROR_ADDRINUSE,
     *         ERROR_AFNOSUPPORT on an IPv6 connection)
     */
    int NotifyNewAddress(Ipv4Address address);

    /**
     * TracedValue callback signature for the hold state.
     * \param [in] oldValue the previous state
     * \param [in] newValue the new state
     */
    typedef void (*HoldStateTracedCallback)(HoldState oldValue, HoldState newValue);

  protected:
    void DoDispose() override;
    void NotifyEstablished() override;
    void ReTxTimeout() override;
    void ReceiveOtherControl(MobilityControlHeader::MessageType type,
                             Ptr<Packet> payload,
                             const IpAddress& source,
                             uint16_t sourcePort) override;
    /**
     * \brief The change completed: back to NORMAL, the frozen timer thawed.
     * \param restart whether to restart transmission at once
     */
    void ChangeCompleted(bool restart) override;

    /**
     * \brief Enter a hold state: the one place it changes, so that a
     *        subclass learns of every change (HoldStateChanged()).
     * \param state the new state
     */
    void SetHoldState(HoldState state);

    /**
     * \brief The hold state changed (nothing by default).
     * \param oldState the previous state
     * \param newState the new one
     */
    virtual void HoldStateChanged(HoldState oldState, HoldState newState);

    /// The hold state (traced by the subclass's name); changed only by SetHoldState().
    TracedValue<HoldState> m_holdState;

  private:
    /// Make this end's key share (CPU time), then go on with the exchange.
    void StartKeyAgreement();
    /// This end's share is ready.
    void KeyShareReady();
    /// Send this end's share (the opener retransmits until answered).
    void TransmitKeyShare();
    /// Derive the secret once both shares are known (CPU time).
    void AgreeSecret();

    X25519KeyPair m_share;                //!< this end's key share
    bool m_shareReady{false};             //!< m_share is computed
    bool m_shareRequested{false};         //!< the share is being computed
    X25519PublicKey m_peerShare{};        //!< the peer's share
    bool m_hasPeerShare{false};           //!< m_peerShare is known
    Ptr<MacAuthenticator> m_secret;       //!< the agreed secret (null until agreed)
    bool m_agreeing{false};               //!< the secret is being computed
    EventId m_agreeEvent;                 //!< CPU delay of the agreement
    uint32_t m_shareAttempts{0};          //!< transmissions of the opener's share
    EventId m_keyEvent;                   //!< share CPU delay and retransmissions
    TracedCallback<> m_secretAgreedTrace; //!< "SecretAgreed"
};

} // namespace ns3

#endif /* KEY_AGREEING_TCP_SOCKET_H */
