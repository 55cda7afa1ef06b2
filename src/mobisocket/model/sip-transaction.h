/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SIP_TRANSACTION_H
#define SIP_TRANSACTION_H

#include "ip-address.h"
#include "sip-message.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <string>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief The RFC 3261 timer values of a transaction layer over UDP.
 */
struct SipTimers
{
    Time t1{MilliSeconds(500)}; //!< RTT estimate: first retransmission interval
    Time t2{Seconds(4)};        //!< maximum retransmission interval of non-INVITE requests
    Time t4{Seconds(5)};        //!< maximum time a message stays in the network
};

/**
 * \ingroup mobisocket
 * \brief How a transaction hands a message to the transport.
 *
 * Arguments: the message, the destination address and port, and whether it
 * is a retransmission.
 */
typedef Callback<void, const SipMessage&, IpAddress, uint16_t, bool> SipSendCallback;

/**
 * \ingroup mobisocket
 * \brief An RFC 3261 section 17.1 client transaction over UDP.
 *
 * INVITE (17.1.1, with the Accepted state of RFC 6026): the request is
 * retransmitted by Timer A (T1, doubling) until a response arrives or Timer
 * B (64*T1) expires; a 2xx moves to Accepted for Timer M (64*T1), where
 * retransmitted 2xx are passed on (the user agent re-sends its ACK); a final
 * non-2xx is acknowledged by the transaction itself (ACK with the same
 * branch) and retransmissions of it are re-acknowledged during Timer D
 * (32 s).
 *
 * Non-INVITE (17.1.2): the request is retransmitted by Timer E (T1,
 * doubling, capped at T2; every T2 once a provisional response arrived)
 * until a final response arrives or Timer F (64*T1) expires; retransmitted
 * final responses are absorbed during Timer K (T4).
 *
 * Responses match the transaction by the branch of their top Via and their
 * CSeq method (17.1.3). The transaction user learns of the first
 * provisional and final responses (and of retransmitted 2xx to an INVITE)
 * through the response callback, and of Timer B/F expiring through the
 * timeout callback.
 */
class SipClientTransaction : public Object
{
  public:
    /// Client transaction states (RFC 3261 figures 5 and 6, RFC 6026).
    enum State
    {
        CALLING = 0,    //!< INVITE sent, no response yet
        TRYING = 1,     //!< non-INVITE sent, no response yet
        PROCEEDING = 2, //!< a provisional response arrived
        COMPLETED = 3,  //!< a final response arrived (non-2xx for INVITE)
        ACCEPTED = 4,   //!< a 2xx to an INVITE arrived (RFC 6026)
        TERMINATED = 5  //!< done
    };

    /// Responses passed to the transaction user.
    typedef Callback<void, Ptr<SipClientTransaction>, const SipMessage&> ResponseCallback;
    /// Timer B or F expired.
    typedef Callback<void, Ptr<SipClientTransaction>> TimeoutCallback;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SipClientTransaction();
    ~SipClientTransaction() override;

    /**
     * \brief Configure the transaction (before Start()).
     * \param request the request; its top Via carries the branch
     * \param destination where to send it
     * \param port the destination port
     * \param timers T1, T2, T4
     * \param send the transport
     */
    void Setup(const SipMessage& request,
               IpAddress destination,
               uint16_t port,
               const SipTimers& timers,
               SipSendCallback send);

    /**
     * \param callback called with the responses for the transaction user
     */
    void SetResponseCallback(ResponseCallback callback);

    /**
     * \param callback called when Timer B or F expires
     */
    void SetTimeoutCallback(TimeoutCallback callback);

    /// Send the request and start the timers.
    void Start();

    /**
     * \param response a response
     * \return true if it belongs to this transaction (same top-Via branch
     *         and CSeq method)
     */
    bool Matches(const SipMessage& response) const;

    /**
     * \brief Process a response that Matches() this transaction.
     * \param response the response
     */
    void ReceiveResponse(const SipMessage& response);

    /**
     * \brief Stop the transaction at once, without telling the transaction
     *        user. Also what Timers D, K and M do when they expire.
     */
    void Terminate();

    /// \return the state
    State GetState() const;
    /// \return the request
    const SipMessage& GetRequest() const;
    /// \return the branch of the request's top Via
    std::string GetBranch() const;
    /// \return how often the request was sent (first transmission included)
    uint32_t GetTransmissions() const;
    /// \return the status code of the final response (0 if none)
    int GetFinalStatus() const;

    /**
     * \param state a state
     * \return its name
     */
    static const char* GetStateName(State state);

  protected:
    void DoDispose() override;

  private:
    /**
     * \brief Send the request.
     * \param retransmission whether it is a retransmission
     */
    void Transmit(bool retransmission);
    /// Timer A or E: retransmit and re-arm.
    void RetransmitTimerExpired();
    /// Timer B or F: give up.
    void TimeoutTimerExpired();
    /**
     * \brief Acknowledge a non-2xx final response to an INVITE (17.1.1.3).
     * \param response the response
     */
    void SendAck(const SipMessage& response);
    /// Cancel every timer.
    void CancelTimers();

    SipMessage m_request;          //!< the request
    SipMessage m_ack;              //!< ACK for a non-2xx final response
    IpAddress m_destination;       //!< where the request goes
    uint16_t m_port{0};            //!< destination port
    SipTimers m_timers;            //!< T1, T2, T4
    SipSendCallback m_send;        //!< transport
    ResponseCallback m_onResponse; //!< transaction user
    TimeoutCallback m_onTimeout;   //!< transaction user
    State m_state{TRYING};         //!< state
    bool m_invite{false};          //!< INVITE transaction
    Time m_interval;               //!< current retransmission interval
    uint32_t m_transmissions{0};   //!< requests sent
    int m_finalStatus{0};          //!< final status code received
    EventId m_retransmitEvent;     //!< Timer A / E
    EventId m_timeoutEvent;        //!< Timer B / F
    EventId m_finishEvent;         //!< Timer D / K / M
};

/**
 * \ingroup mobisocket
 * \brief An RFC 3261 section 17.2 server transaction over UDP.
 *
 * It remembers the last response the transaction user sent and re-sends it
 * when the request is retransmitted, so a retransmitted request never
 * reaches the transaction user twice. Non-INVITE (17.2.2): Completed after a
 * final response, for Timer J (64*T1). INVITE (17.2.1 and RFC 6026): a final
 * response is retransmitted (T1, doubling, capped at T2) until an ACK
 * arrives (ReceiveAck(); for a 2xx the user agent matches the ACK by dialog)
 * or Timer H / L (64*T1) expires; after the ACK retransmitted ACKs are
 * absorbed for Timer I (T4).
 *
 * Responses go to the source address and port of the request (the
 * "received" address and, as all of the model's SIP entities use their
 * listening port as source port, the sent-by port).
 */
class SipServerTransaction : public Object
{
  public:
    /// Server transaction states (RFC 3261 figures 7 and 8, RFC 6026).
    enum State
    {
        TRYING = 0,     //!< request received, no response yet
        PROCEEDING = 1, //!< a provisional response was sent
        COMPLETED = 2,  //!< a final response was sent (non-2xx for INVITE)
        ACCEPTED = 3,   //!< a 2xx to an INVITE was sent (RFC 6026)
        CONFIRMED = 4,  //!< the ACK to an INVITE's final response arrived
        TERMINATED = 5  //!< done
    };

    /// The transaction terminated (the owner may forget it).
    typedef Callback<void, Ptr<SipServerTransaction>> TerminatedCallback;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SipServerTransaction();
    ~SipServerTransaction() override;

    /**
     * \brief The key that identifies a request's server transaction (RFC
     *        3261 17.2.3): top-Via branch, sent-by and method (an ACK maps
     *        to the INVITE it acknowledges).
     * \param request the request
     * \return the key
     */
    static std::string GetKey(const SipMessage& request);

    /**
     * \brief Configure the transaction for a received request.
     * \param request the request
     * \param source where it came from
     * \param sourcePort its source port
     * \param timers T1, T2, T4
     * \param send the transport
     */
    void Setup(const SipMessage& request,
               IpAddress source,
               uint16_t sourcePort,
               const SipTimers& timers,
               SipSendCallback send);

    /**
     * \param callback called when the transaction terminates
     */
    void SetTerminatedCallback(TerminatedCallback callback);

    /**
     * \brief Send a response (the transaction user's).
     * \param response the response
     */
    void Respond(const SipMessage& response);

    /// The request was received again: re-send the last response, if any.
    void ReceiveRetransmission();

    /// An ACK for the INVITE's final response arrived.
    void ReceiveAck();

    /// Stop the transaction at once.
    void Terminate();

    /// \return the state
    State GetState() const;
    /// \return the request
    const SipMessage& GetRequest() const;
    /// \return the key (see GetKey(const SipMessage&))
    std::string GetKey() const;
    /// \return request retransmissions absorbed by the transaction
    uint32_t GetAbsorbedRetransmissions() const;

  protected:
    void DoDispose() override;

  private:
    /**
     * \brief Send the last response.
     * \param retransmission whether it is a retransmission
     */
    void Transmit(bool retransmission);
    /// Timer G (or the 2xx retransmission timer): re-send and re-arm.
    void RetransmitTimerExpired();
    /// Terminate and tell the owner.
    void Finish();
    /// Cancel every timer.
    void CancelTimers();

    SipMessage m_request;            //!< the request
    SipMessage m_response;           //!< the last response sent
    std::string m_key;               //!< transaction key
    IpAddress m_source;              //!< where responses go
    uint16_t m_sourcePort{0};        //!< their port
    SipTimers m_timers;              //!< T1, T2, T4
    SipSendCallback m_send;          //!< transport
    TerminatedCallback m_onFinished; //!< owner
    State m_state{TRYING};           //!< state
    bool m_invite{false};            //!< INVITE transaction
    Time m_interval;                 //!< current retransmission interval
    uint32_t m_absorbed{0};          //!< absorbed request retransmissions
    EventId m_retransmitEvent;       //!< Timer G / 2xx retransmission
    EventId m_finishEvent;           //!< Timer H, I, J, L
};

} // namespace ns3

#endif /* SIP_TRANSACTION_H */
