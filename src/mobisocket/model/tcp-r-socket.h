/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_R_SOCKET_H
#define TCP_R_SOCKET_H

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
 * \brief A model of TCP-R ("TCP Redirection", Funato, Yasuda and Tokuda,
 *        ICNP 1997): TCP changed so that its connections survive an address
 *        change, authenticated with a secret the two ends set up in advance.
 *
 * What is known of TCP-R (the full text is not available, see the module
 * documentation) and how it is modelled:
 * - Every connection prepares the secret when it is established, whether it
 *   will ever move or not (the cost the MobiSocket paper criticises): the
 *   ends offer TCP-R in the SYN (RFC 6994 option, ExID 0x5452 "TR") and, once
 *   established, run an X25519 key agreement (libsodium) in two control
 *   segments: the opener's key share, retransmitted until the responder's
 *   share answers it. Both ends charge a key share and a key agreement to
 *   their CryptoAgent.
 * - New states hold the connection while the address is lost: DETACHED
 *   (NotifyAddressLost: the retransmission timer is frozen, nothing is sent
 *   or backed off) and REDIRECTING (a new address: the redirect request is
 *   out). NORMAL otherwise.
 * - Redirect: one round trip from the new address, a request carrying the
 *   connection token, a sequence number, the old and new address and port,
 *   authenticated with an HMAC-SHA256 keyed by the secret, and an
 *   acknowledgement authenticated the same way (the socket's in-band
 *   ChangeExchange with a MacAuthenticator). Forged and replayed requests
 *   are rejected.
 * - After the redirect both ends resume at once (TCP-R presents itself as a
 *   fix for the retransmission-timeout problem): ResetTimerAfterChange.
 * - No rendezvous: when both ends move at once each request goes to the
 *   other's stale address and the redirect fails.
 *
 * Applications use it like TCP (TcpRSocketFactory); the host's TCP-R layer
 * learns of address changes through NotifyAddressLost()/NotifyNewAddress()
 * (TcpRHelper forwards them for all sockets of a node).
 */
class TcpRSocket : public SignallingTcpSocket
{
  public:
    /// TCP-R's connection states beyond TCP's.
    enum TcpRState
    {
        NORMAL = 0,     //!< the address is valid
        DETACHED = 1,   //!< the local address is lost: hold, timers frozen
        REDIRECTING = 2 //!< a new address: redirect request sent, no answer yet
    };

    /// RFC 6994 experiment identifier of the TCP-R option ("TR").
    static constexpr uint16_t EXID = 0x5452;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
#if MOBISOCKET_OBJECT_OVERRIDES_INSTANCE_TYPE_ID
    /// \return this object's TypeId (ns-3 < 3.45 asks the subclass)
    TypeId GetInstanceTypeId() const override;
#endif

    TcpRSocket();
    /**
     * \brief Copy constructor (a listening socket forks its connections).
     * \param other the socket to copy
     */
    TcpRSocket(const TcpRSocket& other);
    ~TcpRSocket() override;

    /// \return the TCP-R state
    TcpRState GetTcpRState() const;

    /// \return true once both ends hold the connection's secret
    bool HasSecret() const;

    /// \return true if TCP-R was negotiated on this connection
    bool IsTcpRActive() const;

    /**
     * \brief The host lost the connection's local address: hold the
     *        connection with its timers frozen.
     */
    void NotifyAddressLost();

    /**
     * \brief The host has a new address: move the connection there and
     *        redirect the peer to it.
     * \param address the new address (assigned to this node)
     * \return 0, or -1 with errno (ERROR_NOTCONN without a TCP-R connection
     *         or its secret, ERROR_ADDRNOTAVAIL, ERROR_ADDRINUSE,
     *         ERROR_AFNOSUPPORT on an IPv6 connection)
     */
    int NotifyNewAddress(Ipv4Address address);

    /**
     * TracedValue callback signature for the TCP-R state.
     * \param [in] oldValue the previous state
     * \param [in] newValue the new state
     */
    typedef void (*TcpRStateTracedCallback)(TcpRState oldValue, TcpRState newValue);

  protected:
    Ptr<TcpSocketBase> Fork() override;
    void DoDispose() override;
    void NotifyEstablished() override;
    void ReTxTimeout() override;
    void ReceiveOtherControl(MobilityControlHeader::MessageType type,
                             Ptr<Packet> payload,
                             Ipv4Address source,
                             uint16_t sourcePort) override;
    /**
     * \brief The redirect completed: back to NORMAL, the frozen timer thawed.
     * \param restart whether to restart transmission at once
     */
    void ChangeCompleted(bool restart) override;

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
    TracedValue<TcpRState> m_tcpRState;   //!< "TcpRState"
    TracedCallback<> m_secretAgreedTrace; //!< "SecretAgreed"
};

} // namespace ns3

#endif /* TCP_R_SOCKET_H */
